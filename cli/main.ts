// The jixiao command line: extract, validate, eval.
import { runEval } from '../eval/run.ts';
import { runExtract } from './extract-command.ts';
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
  eval             score every fixture against its gold
                   --fixtures DIR  a fixture folder with manifest.json (default: fixtures/)
                   --json          print the report as JSON
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'extract':
      return runExtract(rest);
    case 'validate':
      return runValidate(rest);
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
