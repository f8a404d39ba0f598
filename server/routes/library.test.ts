// The library routes through app.request: adding a document (text, a file, bytes) and removing a
// project, with the access rules in front of them (a token when one is set; without one, only
// through loopback from this server's own page), CORS for listed origins only, and the library's
// own failures (a full disk, a busy file) as codes with the right status.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { extractText } from '../../pipeline/index.ts';
import { LibraryError } from '../../library/errors.ts';
import { SqliteLibrary } from '../../library/sqlite-store.ts';
import { oneTable } from '../../test/support/one-table.ts';
import { createServer, type Server } from '../app.ts';
import { defaultConfig, type ServerConfig } from '../config.ts';
import { ERROR_MESSAGES } from '../../vocab/error-messages.ts';

const TOKEN = 'test-token-0123456789abcdef';
const folder = mkdtempSync(join(tmpdir(), 'jixiao-library-routes-'));
const servers: Server[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(folder, { recursive: true, force: true });
});

function serverWith(overrides: Partial<ServerConfig> = {}): Server {
  const server = createServer(defaultConfig({ JIXIAO_LIBRARY: ':memory:', ...overrides }));
  servers.push(server);
  return server;
}

const table = (name: string) => oneTable(name);

const postText = (text: string, headers: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify({ text, ...extra }),
});

describe('adding and removing through the API (no token, loopback)', () => {
  const server = serverWith();
  const { app } = server;

  it('adds pasted text as a document (201), knows it the second time (200), lists, shows and removes its projects', async () => {
    const text = table('2026年度接口测试专用经费');
    await server.ready;
    const before = await server.library.counts();
    const res = await app.request('/api/library/documents', postText(text, {}, { region: '保定' }));
    expect(res.status).toBe(201);
    const added = await res.json();
    expect(added).toMatchObject({ added: 1, skipped: [], duplicateOfDocument: null, library: { documents: before.documents + 1, projects: before.projects + 1 } });

    const again = await app.request('/api/library/documents', postText(text));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ documentId: null, added: 0, duplicateOfDocument: added.documentId });

    const list = await (await app.request('/api/library/projects?region=保定&limit=1000')).json();
    const mine = list.projects.find((project: { name: string }) => project.name === '2026年度接口测试专用经费');
    expect(mine).toMatchObject({ documentId: added.documentId, region: '保定' });
    const whole = await (await app.request(`/api/library/projects/${mine.id}`)).json();
    expect(whole.project.indicators.length).toBe(mine.indicators);

    const removed = await app.request(`/api/library/projects/${mine.id}`, { method: 'DELETE' });
    expect(await removed.json()).toEqual({ removed: 1, library: before });
    expect((await app.request(`/api/library/projects/${mine.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await app.request(`/api/library/projects/${mine.id}`)).status).toBe(404);
  });

  it('adds an uploaded file (multipart, with a region field) and raw bytes (region in the query), read in a worker', { timeout: 60_000 }, async () => {
    // A library with one project of its own, so that the seeds (which hold 承德's projects) are not added.
    const path = join(folder, 'files.sqlite');
    const own = new SqliteLibrary(path);
    await own.add(extractText(table('2026年度文件上传测试经费')));
    await own.close();
    const files = serverWith({ JIXIAO_LIBRARY: path });
    const form = new FormData();
    form.append('file', new File([readFileSync(new URL('../../fixtures/formats/chengde.docx', import.meta.url))], 'chengde.docx'));
    form.append('region', '承德');
    const res = await files.app.request('/api/library/documents', { method: 'POST', body: form });
    expect(res.status).toBe(201);
    const added = await res.json();
    expect(added.added).toBeGreaterThan(0);
    const listed = await (await files.app.request('/api/library/projects?region=承德')).json();
    expect(listed.projects).toHaveLength(added.added);
    expect((await files.app.request(`/api/library/projects/${listed.projects[0].id}`)).status).toBe(200);

    const xlsx = readFileSync(new URL('../../fixtures/formats/xingtai.xlsx', import.meta.url));
    const raw = await files.app.request('/api/library/documents?region=邢台', { method: 'POST', headers: { 'x-filename': 'xingtai.xlsx' }, body: xlsx });
    expect(raw.status).toBe(201);
    const fromRaw = await raw.json();
    const xingtai = await (await files.app.request('/api/library/projects?region=邢台')).json();
    expect(xingtai.projects).toHaveLength(fromRaw.added);
    expect(xingtai.projects.every((project: { documentId: number }) => project.documentId === fromRaw.documentId)).toBe(true);
  });

  it('refuses what it cannot add with the reading codes, and a bad region or id as BAD_REQUEST', async () => {
    const cases: [string, RequestInit, number, string][] = [
      ['/api/library/documents', { method: 'POST', body: new Uint8Array(1024).map((_, i) => i % 256) }, 422, 'UNSUPPORTED_FORMAT'],
      ['/api/library/documents', postText('text', {}, { region: '' }), 400, 'BAD_REQUEST'],
      ['/api/library/documents', postText('text', {}, { region: '保'.repeat(41) }), 400, 'BAD_REQUEST'],
      ['/api/library/documents', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' }, 400, 'BAD_REQUEST'],
      ['/api/library/projects/abc', { method: 'DELETE' }, 400, 'BAD_REQUEST'],
      ['/api/library/projects?limit=0', {}, 400, 'BAD_REQUEST'],
    ];
    for (const [path, init, status, code] of cases) {
      const res = await app.request(path, init);
      expect({ path, status: res.status, code: (await res.json()).error.code }).toEqual({ path, status, code });
    }
  });

  it('answers the library’s failures with their codes: 507 LIBRARY_FULL, 503 LIBRARY_BUSY with Retry-After, 500 LIBRARY_READONLY', async () => {
    const cases: [LibraryError, number][] = [
      [new LibraryError('LIBRARY_FULL', 'the library’s disk (or its size limit) is full; nothing of this change was written'), 507],
      [new LibraryError('LIBRARY_BUSY', 'another process held the library for too long; nothing of this change was written, try again'), 503],
      [new LibraryError('LIBRARY_READONLY', 'the library file cannot be written (read-only file, folder or disk)'), 500],
    ];
    for (const [error, status] of cases) {
      const add = vi.spyOn(server.library, 'add').mockRejectedValue(error);
      try {
        const res = await app.request('/api/library/documents', postText(table('2026年度失败测试经费')));
        expect(res.status).toBe(status);
        expect((await res.json()).error).toEqual({ code: error.code, message: ERROR_MESSAGES[error.code], detail: error.message });
        expect(res.headers.get('retry-after')).toBe(error.code === 'LIBRARY_BUSY' ? '2' : null);
      } finally {
        add.mockRestore();
      }
    }
  });

  it('adds nothing when the client was answered TIMEOUT while the document was being read', { timeout: 60_000 }, async () => {
    const slow = serverWith({ REQUEST_TIMEOUT_SECONDS: 0.05 });
    await slow.ready;
    const before = await slow.library.counts();
    // As a file, so that it is read in a worker (which has yet to start) rather than on the spot.
    const file = new TextEncoder().encode(table('2026年度超时测试经费'));
    const res = await slow.app.request('/api/library/documents', { method: 'POST', headers: { 'x-filename': 'late.txt' }, body: file });
    expect(res.status).toBe(504);
    // The worker still reads the file to the end; then the handler must leave the library alone.
    for (let i = 0; i < 600 && (slow.runner.load.running > 0 || slow.runner.load.queued > 0); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await slow.library.counts()).toEqual(before);
  });
});

describe('who may change the library', () => {
  it('with JIXIAO_TOKEN: the bearer token or 401 UNAUTHORIZED with WWW-Authenticate; reading stays open', async () => {
    const guarded = serverWith({ JIXIAO_TOKEN: TOKEN });
    const { app } = guarded;
    const body = () => postText(table('2026年度令牌测试经费'));
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, 'Bearer', `bearer  ${TOKEN.toUpperCase()}`, `Bearer ${TOKEN} extra`, `Bearer ${TOKEN},x`]) {
      const init = body();
      if (authorization) (init.headers as Record<string, string>).authorization = authorization;
      const res = await app.request('/api/library/documents', init);
      expect({ authorization, status: res.status }).toEqual({ authorization, status: 401 });
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect((await res.json()).error.code).toBe('UNAUTHORIZED');
    }
    expect(await guarded.library.search('令牌测试')).toEqual([]);
    expect((await app.request('/api/library/projects/1', { method: 'DELETE' })).status).toBe(401);
    expect(await guarded.library.get(1)).not.toBeNull();

    const added = await app.request('/api/library/documents', postText(table('2026年度令牌测试经费'), { authorization: `Bearer ${TOKEN}` }));
    expect(added.status).toBe(201);
    expect((await app.request('/api/library/projects/1', { method: 'DELETE', headers: { authorization: `bearer ${TOKEN}` } })).status).toBe(200);

    // Reading, extracting, validating, drafting and searching need no token.
    const open: [string, RequestInit][] = [
      ['/api/health', {}],
      ['/api/library/projects', {}],
      ['/api/library/projects/2', {}],
      ['/api/library/search?q=办公经费', {}],
      ['/api/extract', postText(table('2026年度读取测试经费'))],
      ['/api/validate', postText(table('2026年度读取测试经费'))],
      ['/api/draft', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: '2026年度办公经费', budget: 10 }) }],
    ];
    for (const [path, init] of open) expect({ path, status: (await app.request(path, init)).status }).toEqual({ path, status: 200 });
  });

  it('without a token, on loopback: changes from this server’s page or a tool, not from another site’s page or a rebound name', async () => {
    const { app } = serverWith({ CORS_ORIGINS: ['https://budget.example.gov.cn'] });
    const add = (headers: Record<string, string>, name: string) => app.request('/api/library/documents', postText(table(name), headers));
    expect((await add({ host: '127.0.0.1:8787' }, '2026年度甲测试经费')).status).toBe(201);
    expect((await add({ host: 'localhost:8787', origin: 'http://localhost:8787' }, '2026年度乙测试经费')).status).toBe(201);
    expect((await add({ host: '[::1]:8787', origin: 'http://[::1]:8787' }, '2026年度丙测试经费')).status).toBe(201);
    expect((await add({ host: '127.0.0.1:8787', origin: 'https://budget.example.gov.cn' }, '2026年度丁测试经费')).status).toBe(201);
    const refused: Record<string, string>[] = [
      { host: '127.0.0.1:8787', origin: 'http://evil.example' },
      { host: '127.0.0.1:8787', origin: 'http://127.0.0.1:9999' },
      // The same host under another scheme is another origin.
      { host: '127.0.0.1:8787', origin: 'https://127.0.0.1:8787' },
      { host: '127.0.0.1:8787', origin: 'null' },
      { host: 'rebound.evil.example:8787' },
      { host: 'rebound.evil.example:8787', origin: 'http://rebound.evil.example:8787' },
    ];
    for (const headers of refused) {
      const res = await add(headers, '2026年度拒绝测试经费');
      expect({ headers, status: res.status }).toEqual({ headers, status: 403 });
      expect((await res.json()).error.code).toBe('FORBIDDEN');
    }
    expect((await app.request('/api/library/projects/1', { method: 'DELETE', headers: { host: 'rebound.evil.example' } })).status).toBe(403);
  });

  it('without a token, beyond loopback (a server made without readConfig’s check): no changes at all, reading open', async () => {
    const { app } = serverWith({ HOST: '0.0.0.0' });
    const res = await app.request('/api/library/documents', postText(table('2026年度公开地址测试经费')));
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ message: ERROR_MESSAGES.FORBIDDEN, detail: expect.stringContaining('JIXIAO_TOKEN') });
    expect((await app.request('/api/extract', postText(table('2026年度公开地址测试经费')))).status).toBe(200);
  });
});

describe('CORS', () => {
  const preflight = (origin: string, method = 'POST') => ({
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'content-type, authorization' },
  });
  const allowHeaders = (res: Response) => [...res.headers.keys()].filter((name) => name.startsWith('access-control-'));

  it('is closed by default: no origin gets an Access-Control header, preflights included', async () => {
    const { app } = serverWith();
    for (const origin of ['http://evil.example', 'http://127.0.0.1:9999', 'null']) {
      expect(allowHeaders(await app.request('/api/health', { headers: { origin } }))).toEqual([]);
      expect(allowHeaders(await app.request('/api/extract', { ...postText('x'), headers: { ...postText('x').headers, origin } }))).toEqual([]);
      expect(allowHeaders(await app.request('/api/library/documents', preflight(origin)))).toEqual([]);
      expect(allowHeaders(await app.request('/api/library/projects/1', preflight(origin, 'DELETE')))).toEqual([]);
    }
  });

  it('opens to the origins in CORS_ORIGINS only, with the methods and headers the API takes', async () => {
    const listed = 'https://budget.example.gov.cn';
    const { app } = serverWith({ CORS_ORIGINS: [listed, 'http://localhost:5173'], JIXIAO_TOKEN: TOKEN });
    const res = await app.request('/api/library/projects/1', preflight(listed, 'DELETE'));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(listed);
    expect(res.headers.get('access-control-allow-methods')).toContain('DELETE');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const read = await app.request('/api/health', { headers: { origin: listed } });
    expect(read.headers.get('access-control-allow-origin')).toBe(listed);
    expect(read.headers.get('vary')).toContain('Origin');
    const refused = await app.request('/api/library/documents', postText(table('2026年度跨域测试经费'), { origin: listed }));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(listed);
    expect(refused.headers.get('access-control-expose-headers')).toContain('WWW-Authenticate');
    const added = await app.request('/api/library/documents', postText(table('2026年度跨域测试经费'), { origin: listed, authorization: `Bearer ${TOKEN}` }));
    expect(added.status).toBe(201);

    expect(allowHeaders(await app.request('/api/library/documents', preflight('https://budget.example.gov.cn.evil.example')))).toEqual([]);
    const other = await app.request('/api/health', { headers: { origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toContain('Origin');
  });
});
