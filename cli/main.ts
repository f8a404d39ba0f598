// The jixiao command line: extract, validate, library, draft, eval.
import { runEval } from '../eval/run.ts';
import { runDraft } from './draft-command.ts';
import { runExtract } from './extract-command.ts';
import { runLibrary } from './library-command.ts';
import { runValidate } from './validate-command.ts';

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
  library add FILES…|list|search QUERY|remove ID…|export
                   the library of past projects (SQLite; --library PATH, else JIXIAO_LIBRARY,
                   else data/library.sqlite)
  draft --name NAME --budget 万元 [--purpose TEXT] [--goal TEXT]… [--year YYYY] [--unit NAME] [--region PLACE]
                   indicators for a new project from similar past ones, with sources and reasons
                   --json          print the draft as JSON
  eval             score every fixture against its gold
                   --fixtures DIR  a fixture folder with manifest.json (default: fixtures/)
                   --json          print the report as JSON
                   --draft         leave-one-out drafting over the seed library, against a baseline
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'extract':
      return runExtract(rest);
    case 'validate':
      return runValidate(rest);
    case 'library':
      return runLibrary(rest);
    case 'draft':
      return runDraft(rest);
    case 'eval':
      return runEval(rest);
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
