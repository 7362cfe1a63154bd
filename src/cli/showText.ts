/** The `tconv show` report: shapes with formulas, grids, W and Wᵀ when small, verification results. */
import * as l10n from '@vscode/l10n';
import {
  formatShape,
  toDense,
  transposedConvMatrix,
  transposedConvMatrixSize,
  type DimCalc,
  type OutputSizeRange,
  type VerificationResult,
} from '../engine';
import type { ChainPlan, LayerEvaluation, LayerPlan, SpecEvaluation } from '../specFile';
import { notComputedReason } from '../specFile/memoryBudget';
import { layerSignature } from '../specFile/layerSignature';
import { opChannelText, skipText } from '../specFile/opText';
import { paddingText } from '../specFile/paddingText';
import type { SpecVerification } from '../specFile/verifySpec';
import { nothingVerifiedText, verificationStatus } from '../specFile/verificationStatus';
import { formatGrid, formatNumber } from './grid';
import type { LoadedSpec } from './load';
import type { Style } from './style';
import { tensorPlanes } from './tensorText';
import { maxColumns, padEndColumns } from './textWidth';

/** W is printed when it has at most this many cells; larger ones get their size and sparsity only. */
export const MAX_PRINTED_MATRIX_CELLS = 4096;

export function layerTitle(plan: LayerPlan): string {
  return `${plan.name}: ${layerSignature(plan)}`;
}

function formulaLines(
  dims: readonly DimCalc[],
  ranges: readonly OutputSizeRange[] | undefined,
  style: Style,
): string[] {
  return dims.flatMap((d, i) => {
    const range = ranges?.[i];
    const rangeText = range
      ? style.dim(
          `   ${l10n.t('valid output sizes {0}', range.min === range.max ? range.min : `${range.min}…${range.max}`)}`,
        )
      : '';
    const pad = ' '.repeat(d.formula.indexOf('='));
    return [`    ${d.formula}`, `    ${pad}= ${d.substituted}${rangeText}`];
  });
}

export function shapeLines(spec: LoadedSpec, style: Style): string[] {
  const plan = spec.result.plan;
  if (!plan) return [];
  const lines = [style.bold(l10n.t('Shapes')), `  ${l10n.t('input {0}', formatShape(plan.inputShape))}`];
  const steps = [...(plan.forward ? [plan.forward] : []), ...plan.layers];
  for (const step of steps) {
    lines.push(`  ${layerTitle(step)}`);
    lines.push(`    ${formatShape(step.inputShape)} → ${style.bold(formatShape(step.outputShape))}`);
    const skip = skipText(step.op);
    if (skip && step.op) lines.push(`    ${skip}`, `    ${opChannelText({ ...step, op: step.op })}`);
    lines.push(...formulaLines(step.dims, step.outputSizeRange, style));
    const padding = paddingText(step);
    if (padding) {
      lines.push(...padding.lines.map((l) => `    ${l}`), `    ${padding.verdict}`);
      if (!padding.exact) lines.push(...padding.torchCode.map((l) => `      ${l}`));
    }
    if (step.roundTripOutputPadding)
      lines.push(
        style.dim(
          `    ${l10n.t('output_padding that undoes the forward convolution: {0}', step.roundTripOutputPadding.join(', '))}`,
        ),
      );
  }
  if (plan.outputShape) lines.push(`  ${l10n.t('output {0}', style.bold(formatShape(plan.outputShape)))}`);
  return lines;
}

function matrixLines(layer: LayerEvaluation, style: Style): string[] {
  if (layer.plan.kind !== 'convTranspose') return [];
  if (layer.input.shape.length === 5)
    return [
      style.bold(l10n.t('Matrix')),
      style.dim(`  ${l10n.t('(W is built for 1-D and 2-D layers only: this layer is 3-D)')}`),
    ];
  const size = transposedConvMatrixSize(layer.input.shape, layer.weight.shape, layer.plan.params);
  const density = size.nnz / Math.max(1, size.rows * size.cols);
  const header = l10n.t(
    'W {0}×{1} (paired convolution: W·vec(x) = conv(x), Wᵀ·vec(y) = convTranspose(y)), {2} non-zeros, density {3}',
    size.rows,
    size.cols,
    size.nnz,
    formatNumber(density),
  );
  const title = style.bold(l10n.t('Matrix'));
  if (size.rows * size.cols > MAX_PRINTED_MATRIX_CELLS)
    return [
      title,
      `  ${header}`,
      style.dim(`  ${l10n.t('(too large to print: more than {0} cells)', MAX_PRINTED_MATRIX_CELLS)}`),
    ];
  const dense = toDense(transposedConvMatrix(layer.input.shape, layer.weight, layer.plan.params));
  const [rows, cols] = dense.shape;
  // Zeros print as a dot so the sparsity pattern shows (no colour: escape codes would break the alignment).
  const entry = (v: number) => (v === 0 ? '·' : formatNumber(v));
  const cellW = (r: number, c: number) => entry(dense.data[r * cols + c]);
  const cellWt = (r: number, c: number) => entry(dense.data[c * cols + r]);
  return [
    title,
    `  ${header}`,
    `  ${style.bold('W')}`,
    ...formatGrid(cellW, rows, cols, { maxRows: 16, maxCols: 24 }).map((l) => `    ${l}`),
    `  ${style.bold('Wᵀ')}`,
    ...formatGrid(cellWt, cols, rows, { maxRows: 24, maxCols: 16 }).map((l) => `    ${l}`),
  ];
}

/** The layers whose values the memory budget leaves out (memoryBudget.ts): one line each, with the bytes and the budget. */
export function notComputedLines(plan: ChainPlan, style: Style): string[] {
  const lines: string[] = [];
  for (const step of [...(plan.forward ? [plan.forward] : []), ...plan.layers]) {
    const reason = notComputedReason(plan.values, step.index);
    if (reason !== null)
      lines.push('', `${style.bold(step.name)}  ${style.yellow(l10n.t('values not computed: {0}', reason))}`);
  }
  return lines;
}

export function valueLines(evaluation: SpecEvaluation, style: Style, plan?: ChainPlan | null): string[] {
  const lines: string[] = [];
  const sample = (n: number, c: number) => `n=${n}, c=${c}`;
  if (evaluation.values !== 'none') lines.push(...tensorPlanes(l10n.t('input'), evaluation.input, style, sample));
  const steps = [...(evaluation.forward ? [evaluation.forward] : []), ...evaluation.layers];
  for (const step of steps) {
    const kernelLabel =
      step.plan.kind === 'convTranspose'
        ? (i: number, o: number) => l10n.t('in {0} → out {1}', i, o)
        : (o: number, i: number) => l10n.t('out {0} ← in {1}', o, i);
    lines.push('', style.bold(step.plan.name));
    if (!step.plan.op)
      lines.push(...tensorPlanes(l10n.t('kernel'), step.weight, style, kernelLabel).map((l) => `  ${l}`));
    if (step.bias) lines.push(`  ${style.bold(l10n.t('bias'))} ${Array.from(step.bias.data, formatNumber).join('  ')}`);
    lines.push(...tensorPlanes(l10n.t('output'), step.output, style, sample).map((l) => `  ${l}`));
    const matrix = matrixLines(step, style);
    if (matrix.length > 0) lines.push(...matrix.map((l) => `  ${l}`));
  }
  if (plan) lines.push(...notComputedLines(plan, style));
  return lines[0] === '' ? lines.slice(1) : lines;
}

export function verificationLine(r: VerificationResult, style: Style, titleWidth = 0): string {
  const mark = r.notRun ? style.yellow('–') : r.passed ? style.green('✔') : style.red('✘');
  const text = r.notRun ? l10n.t('not run: {0}', r.notRun) : r.summary;
  return `${mark} ${padEndColumns(r.title, titleWidth)}  ${style.dim(text)}`;
}

export function verificationLines(verification: SpecVerification, style: Style): string[] {
  const lines = [style.bold(l10n.t('Verifications'))];
  for (const layer of verification.layers) {
    lines.push(`  ${layer.layerName}`);
    if (layer.error) lines.push(`    ${style.red('✘')} ${layer.error}`);
    const width = maxColumns(layer.results.map((r) => r.title));
    for (const r of layer.results) lines.push(`    ${verificationLine(r, style, width)}`);
  }
  if (verification.layers.length === 0)
    lines.push(style.dim(`  ${l10n.t('(no transposed-convolution layer to verify)')}`));
  lines.push(`  ${countsLine(verification, style)}`);
  return lines;
}

/** The counts, or, when nothing ran, that nothing was verified and why (not a failure). */
function countsLine(verification: SpecVerification, style: Style): string {
  if (verificationStatus(verification) === 'nothingVerified')
    return `${style.yellow('–')} ${nothingVerifiedText(verification)}`;
  const { passed, failed, notRun } = verification.counts;
  return notRun
    ? l10n.t('{0} passed, {1} failed, {2} not run', passed, failed, notRun)
    : l10n.t('{0} passed, {1} failed', passed, failed);
}
