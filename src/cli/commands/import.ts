/**
 * `tconv import model.onnx [-o out.tconv.json] [--input-shape N,C,H,W] [--weights auto|all|none]`: writes a spec of
 * the model's convolution / transposed-convolution chain, then says what it left out and checks what it wrote.
 */
import * as l10n from '@vscode/l10n';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { importOnnxModel, OnnxImportError, type ImportNote, type ImportNoteKind, type WeightsMode } from '../../onnx';
import { formatDims } from '../../specFile/format';
import { validateSpec } from '../../specFile';
import type { Output } from '../output';

export interface ImportCommandOptions {
  output?: string;
  inputShape?: number[];
  weights?: WeightsMode;
  force?: boolean;
  json?: boolean;
  color?: boolean;
  locale?: string;
  memoryBudget?: number;
}

/** model.onnx → model.tconv.json beside it; a name without .onnx gets .tconv.json appended. */
export function defaultSpecPath(modelPath: string): string {
  return `${modelPath.replace(/\.onnx$/i, '')}.tconv.json`;
}

/** Notes of these kinds print as one list of their ops under a heading that explains them. */
const LISTED: Partial<Record<ImportNoteKind, () => string>> = {
  notModelled: () => l10n.t('left out (not modelled; the shape goes on, values after them differ from the model)'),
  weightsOmitted: () =>
    l10n.t('kernels not written (kernel.shape only, random values in tconv; --weights all writes them)'),
};

/** The order notes print in: about the input, then the walk, then what it did not import. */
const KIND_ORDER: readonly ImportNoteKind[] = [
  'input',
  'notModelled',
  'branch',
  'caveat',
  'weightsOmitted',
  'stopped',
  'offPath',
];

function printNotes(notes: readonly ImportNote[], out: Output): void {
  for (const kind of KIND_ORDER) {
    const ofKind = notes.filter((n) => n.kind === kind);
    if (ofKind.length === 0) continue;
    const heading = LISTED[kind];
    if (heading) {
      out.line(out.style.yellow(`  ${heading()}:`));
      out.line(`    ${ofKind.map((n) => n.short).join(', ')}`);
    } else for (const n of ofKind) out.line(out.style.yellow(`  ${n.message}`));
  }
}

/** Returns the exit code: 0 written, 1 the model cannot be imported, 2 a usage or file error. */
export function runImport(modelPath: string, options: ImportCommandOptions, out: Output): number {
  const fail = (status: number, message: string): number => {
    process.stderr.write(`tconv import: ${message}\n`);
    return status;
  };
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(modelPath);
  } catch (e) {
    return fail(2, l10n.t('cannot read {0}: {1}', modelPath, (e as Error).message));
  }
  const target = options.output ?? defaultSpecPath(modelPath);
  const toStdout = target === '-';
  if (!toStdout && !options.force && existsSync(target))
    return fail(2, l10n.t('{0} exists; --force overwrites it, -o writes elsewhere', target));
  let result;
  try {
    result = importOnnxModel(bytes, {
      inputShape: options.inputShape,
      weights: options.weights,
      fileName: basename(modelPath),
    });
  } catch (e) {
    if (e instanceof OnnxImportError) return fail(1, `${modelPath}: ${e.message}`);
    throw e;
  }
  if (toStdout) {
    process.stdout.write(result.text);
    return 0;
  }
  try {
    writeFileSync(target, result.text);
  } catch (e) {
    return fail(2, l10n.t('cannot write {0}: {1}', target, (e as Error).message));
  }

  // What tconv makes of the spec it wrote: the shape walk, or its problems (new fields may need a newer tconv).
  const check = validateSpec(result.text, { memoryBudget: options.memoryBudget });
  const errors = check.diagnostics.filter((d) => d.severity === 'error');
  const plan = check.plan;
  const walk =
    plan?.complete && plan.outputShape
      ? [formatDims(plan.inputShape), ...plan.layers.map((l) => `${l.name} ${formatDims(l.outputShape)}`)]
      : undefined;
  const layers = Object.entries(result.layerCounts).map(([type, n]) => `${type} ×${n}`);
  if (out.json) {
    out.writeJson({
      model: modelPath,
      spec: target,
      input: { name: result.inputName, shape: result.inputShape },
      layers: result.layerCounts,
      notes: result.notes,
      check: {
        errors: errors.length,
        warnings: check.diagnostics.length - errors.length,
        outputShape: plan?.complete ? plan.outputShape : null,
        diagnostics: check.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message })),
      },
    });
    return 0;
  }
  const { style } = out;
  out.line(
    l10n.t(
      "{0} → {1}: {2}, input '{3}' {4}",
      modelPath,
      style.bold(target),
      layers.join(', '),
      result.inputName,
      formatDims(result.inputShape),
    ),
  );
  if (walk) out.line(`  ${walk.join(' → ')}`);
  printNotes(result.notes, out);
  if (errors.length > 0) {
    out.line(
      style.red(
        l10n.t(
          'tconv check finds {0} errors in the written spec (first: {1}); run tconv check {2}',
          errors.length,
          `${errors[0].code}: ${errors[0].message}`,
          target,
        ),
      ),
    );
  }
  return 0;
}
