import * as l10n from '@vscode/l10n';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runCheck } from './commands/check';
import type { ImportCommandOptions } from './commands/import';
import type { LspOptions } from './commands/lsp';
import { runShow } from './commands/show';
import { runVerify } from './commands/verify';
import type { VerifyContext } from './evaluateLoaded';
import { expandSpecArguments } from './files';
import { loadSpec, type LoadedSpec } from './load';
import { useLocale } from './locale';
import { streamOutput, type Output } from './output';
import { noProgressBar, terminalProgressBar, type ProgressBar } from './progressBar';
import { chooseStyle } from './style';
import { cliVerifier } from './verifications';
import { MAX_SYMBOLIC_ENTRIES } from '../engine';
import { hasErrors } from '../specFile/diagnostics';
import { memoryBudgetArgument } from './memoryBudgetOption';
import { version } from '../../package.json';

interface GlobalOptions {
  json?: boolean;
  color?: boolean;
  memoryBudget?: number;
  locale?: string;
  /** show only; check and verify have no such option. */
  symbolic?: boolean;
}

type Runner = (
  specs: readonly LoadedSpec[],
  out: Output,
  options: GlobalOptions,
  context: VerifyContext,
) => number | Promise<number>;

/** "1,3,64,64" → [1, 3, 64, 64]. */
function shapeList(value: string): number[] {
  const dims = value.split(/[,x×]/).map((d) => Number(d.trim()));
  if (dims.length < 3 || dims.some((d) => !Number.isInteger(d) || d < 1))
    throw new InvalidArgumentError(l10n.t('expected positive integers separated by commas, e.g. 1,3,64,64'));
  return dims;
}

/** Ctrl+C while a command runs: the bar erased, the verification threads ended with the process, exit 130. */
function endOnInterrupt(bar: ProgressBar): () => void {
  const onSigint = () => {
    bar.clear();
    process.stderr.write(`tconv: ${l10n.t('interrupted')}\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  return () => process.off('SIGINT', onSigint);
}

/** `verifies`: the command runs verifications (its threads start as soon as a spec asks for some). */
async function runCommand(paths: string[], options: GlobalOptions, runner: Runner, verifies: boolean): Promise<void> {
  const bundle = useLocale(options.locale ?? process.env.TCONV_LOCALE);
  const { files, unmatched } = await expandSpecArguments(paths);
  const out = streamOutput(process.stdout, chooseStyle(options.color, process.stdout), options.json === true);
  for (const arg of unmatched) process.stderr.write(`tconv: ${l10n.t('no spec matches {0}', arg)}\n`);
  const specs = files.map((f) => loadSpec(f, { memoryBudget: options.memoryBudget }));
  // The bar only where a person watches: stderr a terminal, and not --json.
  const bar = process.stderr.isTTY && options.json !== true ? terminalProgressBar(process.stderr) : noProgressBar;
  const verifier = cliVerifier(bundle);
  if (verifies && specs.some(asksForChecks)) verifier.start();
  const stopListening = endOnInterrupt(bar);
  try {
    const context = { verifier, bar };
    const status = await runner(specs, out, options, context);
    process.exitCode = unmatched.length > 0 || files.length === 0 ? 2 : status;
  } finally {
    stopListening();
    await verifier.dispose();
  }
}

/** A spec without errors whose `verify` list is not empty. */
function asksForChecks(spec: LoadedSpec): boolean {
  const { result } = spec;
  return result.spec !== null && result.spec.verify.length > 0 && !hasErrors(result.diagnostics);
}

function addCommand(program: Command, name: string, description: string, runner: Runner, verifies = true): Command {
  return program
    .command(name)
    .description(description)
    .argument('<specs...>', 'spec files, directories (searched for *.tconv.json) or glob patterns')
    .addOption(new Option('--json', 'print one JSON document instead of text'))
    .addOption(new Option('--no-color', 'plain text even on a terminal'))
    .addOption(
      new Option(
        '--memory-budget <size>',
        "memory a layer's values may take: bytes, or 512MB, 2GiB… (default 1GiB); shapes are never capped",
      ).argParser(memoryBudgetArgument),
    )
    .addOption(
      new Option('--locale <id>', 'language of the messages: en, ko, ja, pt-br (default: $TCONV_LOCALE, else en)'),
    )
    .action((paths: string[], options: GlobalOptions) => runCommand(paths, options, runner, verifies));
}

const program = new Command('tconv')
  .description(
    'Check, show and verify transposed-convolution specs (*.tconv.json) with an exact PyTorch-compatible engine.',
  )
  .version(version)
  .showHelpAfterError();

addCommand(
  program,
  'check',
  'report problems as file:line:col: severity code: message (exit 1 on errors)',
  runCheck,
  false,
);
addCommand(
  program,
  'show',
  'print shapes with formulas, input/kernel/output grids, W and Wᵀ when small, and verifications',
  (specs, out, options, context) => runShow(specs, out, context, { symbolic: options.symbolic === true }),
).addOption(
  new Option(
    '--symbolic',
    `also print each transposed layer whose W has at most ${MAX_SYMBOLIC_ENTRIES} entries as out = Σ w·x, and W with weight symbols`,
  ),
);
addCommand(
  program,
  'verify',
  'run the verifications each spec asks for (exit 1 when one fails)',
  (specs, out, _options, context) => runVerify(specs, out, context),
);
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
