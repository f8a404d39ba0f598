// The jixiao command line: extract, validate, library, draft, eval, gold. Each command is loaded
// when it runs, so a one-file `extract` does not pay for the evaluation's or the model path's imports.

const usage = `usage: jixiao <command> [options]

commands:
  extract FILE|-   print the extraction JSON of a document (- reads standard input)
                   --pretty  indent the JSON
  validate FILE|DIR|-
                   review findings (审核意见) of a document in any format, an extraction JSON,
                   or every document in a folder; exit 1 when any finding is an error
                   --json          print findings and counts as JSON
                   --summary       counts per rule and per project only
                   --config FILE   JSON thresholds, word lists, disabled rules (validate/config.ts)
  library add FILES…|import DIR…|list|search QUERY|remove ID…|export
                   the library of past projects (SQLite; --library PATH, else JIXIAO_LIBRARY,
                   else data/library.sqlite); import reads every file under DIR, goes on past
                   those it cannot read and lists them, and ends with the projects per category
                   (--region R, --province P for all the files); jixiao library --help says more
  draft --name NAME [--budget 万元] [--purpose TEXT] [--goal TEXT]… [--year YYYY] [--unit NAME] [--region PLACE]
                   indicators for a new project from similar past ones (or its category's template
                   when none is close enough), each with its source; rows to check first are marked ⚠
                   with what to check; without --budget, values that depend on it are left to fill in
                   --json          print the draft as JSON
  eval             score every reviewed fixture against its gold and compare with the baseline;
                   exit 1 when a figure is under its threshold or drops against the baseline
                   --fixtures DIR      a fixture folder with manifest.json (default: fixtures/);
                                       its thresholds.json and baseline.json are read beside it
                   --save-baseline     write this run's figures as the baseline
                   --baseline FILE     another baseline file   --thresholds FILE  another thresholds file
                   --html FILE         a self-contained report page
                   --markdown FILE     a Markdown summary (for CI logs and pull requests)
                   --json              print the report as JSON (it is always written to --report FILE,
                                       default eval/report.json)
                   --engine a,b        engines side by side: rules, llm, auto
                   --model NAME --prompt-version V   for the model engines
                   --draft             leave-one-out drafting over the seed library, against a baseline
  gold FILE        write a starting gold (reviewed: false) from the current extraction, to correct
                   --out FILE          where (default FILE.gold.json); an existing file is kept
                   --manifest DIR      also list the fixture in DIR/manifest.json (--id, --tags a,b)
                   --force             replace an existing gold or manifest entry
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
    case undefined:
    case '-h':
    case '--help':
      process.stdout.write(usage);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`jixiao: unknown command '${command}'\n${usage}`);
      return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
