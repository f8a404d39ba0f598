// The jixiao command line: extract, validate, library, draft, eval, gold, serve. Each command is loaded
// when it runs, so a one-file `extract` does not pay for the evaluation's or the model path's imports.

const usage = `usage: jixiao <command> [options]      (jixiao <command> --help says more)

commands:
  extract FILE|-   the extraction JSON of a document (.docx .pdf .xlsx .csv .html .txt, a scan;
                   - reads standard input)
  validate FILE|DIR|-
                   review findings (审核意见) of a document, an extraction JSON, or a folder
  library add FILES…|import DIR…|list|search QUERY|remove ID…|export
                   the library of past projects (SQLite: --library PATH, else JIXIAO_LIBRARY, else
                   data/library.sqlite; PostgreSQL when DATABASE_URL is set)
  draft --name NAME [--budget 万元] …
                   indicators for a new project from similar past ones, each with its source
  eval             score the extraction (or, with --draft, the drafting) against gold fixtures
  gold FILE        a starting gold from the current extraction, to correct by reading
  serve            the API and the web page (PORT, HOST, JIXIAO_LIBRARY … from the environment)
  worker           reads the jobs of the shared queue in PostgreSQL (DATABASE_URL); one or more, anywhere

  --version        the version      --help  this text

exit codes, the same for every command:
  0 read (done)  1 usage  2 unreadable input  3 nothing found  4 review errors / eval under threshold
`;

const SERVE_USAGE = `usage: jixiao serve
  the API (/api, documented at /docs) and the web page at http://HOST:PORT/, on the embedded
  default (SQLite library, the rules reader); settings from the environment: PORT (3000), HOST
  (127.0.0.1), JIXIAO_LIBRARY, JIXIAO_TOKEN, OPENAI_BASE_URL … (see the README)
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'extract':
      return (await import('./extract-command.ts')).runExtract(rest);
    case 'validate':
      return (await import('./validate-command.ts')).runValidate(rest);
    case 'library':
      return (await import('./library-command.ts')).runLibrary(rest);
    case 'draft':
      return (await import('./draft-command.ts')).runDraft(rest);
    case 'eval':
      return (await import('../eval/run.ts')).runEval(rest);
    case 'gold':
      return (await import('./gold-command.ts')).runGold(rest);
    case 'serve':
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(SERVE_USAGE);
        return 0;
      }
      // Listens until the process is stopped; its settings come from the environment.
      await import('../server/main.ts');
      return 0;
    case 'worker':
      return (await import('./worker-command.ts')).runWorker(rest);
    case '--version':
    case '-v':
      process.stdout.write(`${(await import('../pipeline/version.ts')).VERSION}\n`);
      return 0;
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(usage);
      return 0;
    case undefined:
      process.stderr.write(usage);
      return 1;
    default:
      process.stderr.write(`jixiao: 命令用法有误（USAGE）：未知命令 '${command}'\n${usage}`);
      return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
