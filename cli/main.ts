// The jixiao command line: extract, eval.
import { runEval } from '../eval/run.ts';
import { runExtract } from './extract-command.ts';

const usage = `usage: jixiao <command> [options]

commands:
  extract FILE|-   print the extraction JSON of a document (- reads standard input)
                   --pretty  indent the JSON
  eval             score every fixture against its gold
                   --fixtures DIR  a fixture folder with manifest.json (default: fixtures/)
                   --json          print the report as JSON
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'extract':
      return runExtract(rest);
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
