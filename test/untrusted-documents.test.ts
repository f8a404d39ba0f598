// Documents are data: nothing a document points to is fetched or run, and an upload leaves no file
// behind. A web page full of external references (images, scripts, styles, frames, objects, a
// refresh) and a Word file whose relationships point outside it (a linked picture, a VML image, an
// attached template, a hyperlink, an INCLUDEPICTURE field) are read in-process and through the
// server, while a local HTTP server counts what reaches it: nothing. Then a server in a child
// process, with empty folders as its temporary folder, working folder and home, reads every format
// (and adds one to its library): the folders stay empty.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extract } from '../pipeline/index.ts';
import { createServer } from '../server/app.ts';
import { defaultConfig } from '../server/config.ts';
import { oneTable } from './support/one-table.ts';

const LIBREOFFICE_HOME = new Set(['.cache', '.cache/dconf', '.cache/dconf/user', '.config']);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url));

let listener: HttpServer;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  listener = createHttpServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.end('x');
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

/** The 承德 web page with every kind of external reference a browser would follow. */
function hostilePage(): Uint8Array {
  const head = `<base href="${base}/base/"><link rel="stylesheet" href="${base}/style.css"><link rel="preload" href="${base}/preload.js" as="script">
    <link rel="icon" href="${base}/favicon.ico"><meta http-equiv="refresh" content="0;url=${base}/refresh"><script src="${base}/script.js"></script>
    <style>@import url("${base}/import.css"); body { background: url(${base}/background.png) }</style>`;
  const body = `<img src="${base}/img.png" srcset="${base}/img-2x.png 2x"><iframe src="${base}/frame.html"></iframe><object data="${base}/object.swf"></object>
    <embed src="${base}/embed.swf"><video src="${base}/video.mp4" poster="${base}/poster.png"><source src="${base}/source.mp4"></video><audio src="${base}/audio.mp3"></audio>
    <input type="image" src="${base}/input.png"><svg><image href="${base}/svg.png"/></svg><div style="background-image:url('${base}/inline.png')">页眉</div>
    <form action="${base}/form"><button>提交</button></form><a href="${base}/link">链接</a><script>fetch('${base}/inline-script')</script>`;
  const page = fixture('chengde.html').toString('utf8').replace('<head>', `<head>${head}`).replace('<body>', `<body>${body}`);
  return new TextEncoder().encode(page);
}

/** The 承德 Word file with a picture linked (not embedded) from outside, a VML image, an attached template, a hyperlink and an INCLUDEPICTURE field. */
function hostileDocx(): Uint8Array {
  const parts = unzipSync(fixture('chengde.docx'));
  const namespaces: Record<string, string> = {
    r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
    wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
    a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
    pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
    v: 'urn:schemas-microsoft-com:vml',
    o: 'urn:schemas-microsoft-com:office:office',
  };
  const picture = (attribute: string) =>
    `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="p"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="x"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip ${attribute}/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
  const additions =
    picture('r:link="rIdOutsideImage"') +
    picture('r:embed="rIdOutsideEmbed"') +
    '<w:p><w:r><w:pict><v:shape><v:imagedata r:id="rIdOutsideVml" o:title=""/></v:shape></w:pict></w:r></w:p>' +
    '<w:p><w:hyperlink r:id="rIdOutsideLink"><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>' +
    `<w:p><w:fldSimple w:instr=' INCLUDEPICTURE "${base}/field.png" \\d '><w:r><w:t>图</w:t></w:r></w:fldSimple></w:p>`;
  const document = strFromU8(parts['word/document.xml']!);
  const root = /<w:document\b[^>]*>/.exec(document)![0];
  const missing = Object.entries(namespaces).filter(([prefix]) => !root.includes(`xmlns:${prefix}=`)).map(([prefix, uri]) => `xmlns:${prefix}="${uri}"`);
  parts['word/document.xml'] = strToU8(document.replace('<w:document ', `<w:document ${missing.join(' ')} `).replace(/<w:body>/, `<w:body>${additions}`));
  const external = (id: string, type: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}" TargetMode="External"/>`;
  const rels = parts['word/_rels/document.xml.rels'] ? strFromU8(parts['word/_rels/document.xml.rels']) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  parts['word/_rels/document.xml.rels'] = strToU8(
    rels.replace(
      '</Relationships>',
      external('rIdOutsideImage', 'image', `${base}/linked.png`) +
        external('rIdOutsideEmbed', 'image', `${base}/embedded.png`) +
        external('rIdOutsideVml', 'image', `${base}/vml.png`) +
        external('rIdOutsideLink', 'hyperlink', `${base}/hyperlink`) +
        '</Relationships>',
    ),
  );
  const settings = strFromU8(parts['word/settings.xml']!);
  parts['word/settings.xml'] = strToU8(settings.replace(/(<w:settings\b[^>]*>)/, '$1<w:attachedTemplate r:id="rIdTemplate"/>').replace(/<w:settings\b(?![^>]*xmlns:r=)/, `<w:settings xmlns:r="${namespaces.r}"`));
  parts['word/_rels/settings.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${external('rIdTemplate', 'attachedTemplate', `${base}/template.dotm`)}</Relationships>`,
  );
  return zipSync(parts);
}

describe('documents that point outside themselves', () => {
  it('are read without fetching anything they point to, in-process', async () => {
    for (const [filename, bytes] of [['page.html', hostilePage()], ['linked.docx', hostileDocx()]] as const) {
      const result = await extract({ bytes, filename });
      expect({ filename, ok: result.ok }).toEqual({ filename, ok: true });
      if (result.ok) expect(result.extraction.document.projects.length, filename).toBeGreaterThan(0);
    }
    // Give anything started in the background time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests).toEqual([]);
  });

  it('are read without fetching anything they point to, through the server’s workers', { timeout: 60_000 }, async () => {
    const server = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:' }));
    try {
      for (const [filename, bytes] of [['page.html', hostilePage()], ['linked.docx', hostileDocx()]] as const) {
        const form = new FormData();
        form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], filename));
        const res = await server.app.request('/api/extract', { method: 'POST', body: form });
        expect({ filename, status: res.status }).toEqual({ filename, status: 200 });
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('an upload', () => {
  const folders = { tmp: mkdtempSync(join(tmpdir(), 'jixiao-upload-tmp-')), cwd: mkdtempSync(join(tmpdir(), 'jixiao-upload-cwd-')), home: mkdtempSync(join(tmpdir(), 'jixiao-upload-home-')) };
  let child: ChildProcess;
  let api: string;
  afterAll(() => {
    child?.kill('SIGTERM');
    for (const folder of Object.values(folders)) rmSync(folder, { recursive: true, force: true });
  });

  const everything = (folder: string) => readdirSync(folder, { recursive: true }).map(String).sort();

  it('leaves no file in the temporary folder, the working folder or the home folder, whatever the format', { timeout: 240_000 }, async () => {
    const main = fileURLToPath(new URL('../server/main.ts', import.meta.url));
    child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), main], {
      cwd: folders.cwd,
      // tsx's own compile cache would land in the temporary folder; it is not the server's doing.
      env: { PATH: process.env.PATH ?? '', HOME: folders.home, TMPDIR: folders.tmp, TSX_DISABLE_CACHE: '1', HOST: '127.0.0.1', PORT: '0', JIXIAO_LIBRARY: ':memory:' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    api = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
        if (port) resolve(`http://127.0.0.1:${port}`);
      });
      child.once('exit', (code) => reject(new Error(`the server exited (${code})`)));
    });

    const upload = async (path: string, name: string, bytes: Uint8Array) => {
      const form = new FormData();
      form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
      const res = await fetch(`${api}${path}`, { method: 'POST', body: form });
      return { name, status: res.status, body: (await res.json()) as { id?: string; status?: string; pages?: { image: string }[]; error?: { code: string } } };
    };
    const files: [string, Uint8Array][] = [
      ['chengde.docx', fixture('chengde.docx')],
      ['chengde.xlsx', fixture('chengde.xlsx')],
      ['chengde.csv', fixture('chengde.csv')],
      ['chengde.html', fixture('chengde.html')],
      ['chengde.pdf', fixture('chengde.pdf')],
      ['chengde-photo.jpg', fixture('chengde-photo.jpg')],
      ['linked.docx', hostileDocx()],
    ];
    // Word and Excel 97–2003 are converted by LibreOffice in a private temporary folder, removed at once.
    if (spawnSync('soffice', ['--version']).status === 0) files.push(['chengde.doc', readFileSync(new URL('../fixtures/formats/legacy/chengde.doc', import.meta.url))]);
    for (const [name, bytes] of files) expect(await upload('/api/extract', name, bytes)).toMatchObject({ name, status: 200 });
    const pasted = await fetch(`${api}/api/extract`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: oneTable() }) });
    expect(pasted.status).toBe(200);

    // A job keeps its upload in a private temporary file while its page images may be asked for,
    // and removes it when the job is deleted (or expires, or the server stops).
    const job = await upload('/api/extract/jobs', 'chengde.pdf', fixture('chengde.pdf'));
    expect(job.status).toBe(202);
    let state = job.body;
    for (let i = 0; i < 600 && state.status !== 'done' && state.status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      state = (await (await fetch(`${api}/api/extract/jobs/${job.body.id}`)).json()) as typeof state;
    }
    expect(state.status).toBe('done');
    expect((await fetch(`${api}${state.pages![0]!.image}`)).headers.get('content-type')).toBe('image/png');
    const filesIn = (folder: string) => everything(folder).filter((path) => statSync(join(folder, path)).isFile());
    expect(filesIn(folders.tmp)).toHaveLength(1);
    expect((await fetch(`${api}/api/extract/jobs/${job.body.id}`, { method: 'DELETE' })).status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(filesIn(folders.tmp)).toEqual([]);

    // Adding to the library keeps the projects, in the library only.
    expect((await upload('/api/library/documents', 'chengde.docx', fixture('chengde.docx'))).status).toBeLessThan(300);

    // Stopped, the server leaves nothing behind, not even its empty folder for job uploads.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    expect(everything(folders.tmp)).toEqual([]);
    expect(everything(folders.cwd)).toEqual([]);
    // Starting LibreOffice at all (even `soffice --version`, which finds it) makes its empty desktop
    // settings cache in HOME; nothing of a document is in it.
    expect(everything(folders.home).filter((path) => !LIBREOFFICE_HOME.has(path))).toEqual([]);
  });
});
