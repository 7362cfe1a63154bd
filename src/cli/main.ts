import * as l10n from '@vscode/l10n';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runCheck } from './commands/check';
import type { ImportCommandOptions } from './commands/import';
import type { LspOptions } from './commands/lsp';
import { runShow } from './commands/show';
import { runVerify } from './commands/verify';
import { expandSpecArguments } from './files';
import { loadSpec, type LoadedSpec } from './load';
import { useLocale } from './locale';
import { streamOutput, type Output } from './output';
import { chooseStyle } from './style';
import { MAX_SYMBOLIC_ENTRIES } from '../engine';
import { version } from '../../package.json';

interface GlobalOptions {
  json?: boolean;
  color?: boolean;
  maxElements?: number;
  locale?: string;
  /** show only; check and verify have no such option. */
  symbolic?: boolean;
}

type Runner = (specs: readonly LoadedSpec[], out: Output, options: GlobalOptions) => number;

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(l10n.t('expected a positive integer'));
  return n;
}

/** "1,3,64,64" → [1, 3, 64, 64]. */
function shapeList(value: string): number[] {
  const dims = value.split(/[,x×]/).map((d) => Number(d.trim()));
  if (dims.length < 3 || dims.some((d) => !Number.isInteger(d) || d < 1))
    throw new InvalidArgumentError(l10n.t('expected positive integers separated by commas, e.g. 1,3,64,64'));
  return dims;
}

async function runCommand(paths: string[], options: GlobalOptions, runner: Runner): Promise<void> {
  useLocale(options.locale ?? process.env.TCONV_LOCALE);
  const { files, unmatched } = await expandSpecArguments(paths);
  const out = streamOutput(process.stdout, chooseStyle(options.color, process.stdout), options.json === true);
  for (const arg of unmatched) process.stderr.write(`tconv: ${l10n.t('no spec matches {0}', arg)}\n`);
  const specs = files.map((f) => loadSpec(f, { maxElements: options.maxElements }));
  const status = runner(specs, out, options);
  process.exitCode = unmatched.length > 0 || files.length === 0 ? 2 : status;
}

function addCommand(program: Command, name: string, description: string, runner: Runner): Command {
  return program
    .command(name)
    .description(description)
    .argument('<specs...>', 'spec files, directories (searched for *.tconv.json) or glob patterns')
    .addOption(new Option('--json', 'print one JSON document instead of text'))
    .addOption(new Option('--no-color', 'plain text even on a terminal'))
    .addOption(
      new Option('--max-elements <n>', 'refuse tensors with more elements than this').argParser(positiveInteger),
    )
    .addOption(
      new Option('--locale <id>', 'language of the messages: en, ko, ja, pt-br (default: $TCONV_LOCALE, else en)'),
    )
    .action((paths: string[], options: GlobalOptions) => runCommand(paths, options, runner));
}

const program = new Command('tconv')
  .description(
    'Check, show and verify transposed-convolution specs (*.tconv.json) with an exact PyTorch-compatible engine.',
  )
  .version(version)
  .showHelpAfterError();

addCommand(program, 'check', 'report problems as file:line:col: severity code: message (exit 1 on errors)', runCheck);
addCommand(
  program,
  'show',
  'print shapes with formulas, input/kernel/output grids, W and Wᵀ when small, and verifications',
  (specs, out, options) => runShow(specs, out, { symbolic: options.symbolic === true }),
).addOption(
  new Option(
    '--symbolic',
    `also print each transposed layer whose W has at most ${MAX_SYMBOLIC_ENTRIES} entries as out = Σ w·x, and W with weight symbols`,
  ),
);
addCommand(program, 'verify', 'run the verifications each spec asks for (exit 1 when one fails)', runVerify);
program
  .command('lsp')
  .description('run the language server (diagnostics, hovers, quick fixes, completion…) for editors other than VS Code')
  .addOption(new Option('--stdio', 'talk LSP over stdin and stdout (the only transport)'))
  .action(async (options: LspOptions) => {
    // Loaded only here: the server's dependencies would slow every other command's start.
    const { runLsp } = await import('./commands/lsp');
    process.exitCode = runLsp(options);
  });

program
  .command('import')
  .description("write a spec of an ONNX model's convolution / transposed-convolution chain (<model>.tconv.json)")
  .argument('<model>', 'the .onnx file')
  .addOption(new Option('-o, --output <file>', 'where to write the spec (default: next to the model; - prints it)'))
  .addOption(
    new Option('--input-shape <N,C,H,W>', "the input's shape, when the model's is symbolic or to change it").argParser(
      shapeList,
    ),
  )
  .addOption(
    new Option('--weights <mode>', 'write kernel values: auto (layers with at most 4096), all, none')
      .choices(['auto', 'all', 'none'])
      .default('auto'),
  )
  .addOption(new Option('--force', 'overwrite an existing spec'))
  .addOption(new Option('--json', 'print one JSON document instead of text'))
  .addOption(new Option('--no-color', 'plain text even on a terminal'))
  .addOption(
    new Option('--locale <id>', 'language of the messages: en, ko, ja, pt-br (default: $TCONV_LOCALE, else en)'),
  )
  .action(async (model: string, options: ImportCommandOptions) => {
    useLocale(options.locale ?? process.env.TCONV_LOCALE);
    // Loaded only here: the ONNX decoder is not needed by the other commands.
    const { runImport } = await import('./commands/import');
    const out = streamOutput(process.stdout, chooseStyle(options.color, process.stdout), options.json === true);
    process.exitCode = runImport(model, options, out);
  });

// A reader that stops early (`tconv show … | head`) closes the pipe: the rest of the output has no one to read it.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`tconv: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
});
