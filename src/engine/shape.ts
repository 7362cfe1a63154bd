import { EngineError } from './errors';

/**
 * Shape arithmetic per spatial dimension, returned as data a hover or the preview can print.
 *   transposed: out = (in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1
 *   forward:    out = ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1
 */

export interface DimArgs {
  readonly inSize: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
}

export interface TransposedDimArgs extends DimArgs {
  readonly outputPadding: number;
}

export interface DimCalc {
  /** Axis label: H, W for 2-D, L for 1-D. */
  readonly axis: string;
  readonly out: number;
  /** The formula in symbols, e.g. "H_out = (H_in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1". */
  readonly formula: string;
  /** The same with numbers, e.g. "(2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4". */
  readonly substituted: string;
}

export interface TransposedDimCalc extends DimCalc, TransposedDimArgs {}
export interface ConvDimCalc extends DimCalc, DimArgs {}

export function axisNames(rank: number): string[] {
  return rank === 1 ? ['L'] : rank === 2 ? ['H', 'W'] : ['D', 'H', 'W'].slice(3 - rank);
}

/** Extent covered by a dilated kernel: dilation·(kernel − 1) + 1. */
export function effectiveKernel(kernel: number, dilation: number): number {
  return dilation * (kernel - 1) + 1;
}

/** PyTorch's ConvTranspose output size along one axis: the one place this formula is written. */
export function transposedSize(
  inSize: number,
  stride: number,
  padding: number,
  dilation: number,
  kernel: number,
  outputPadding: number,
): number {
  return (inSize - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
}

export function transposedOutputSize(a: TransposedDimArgs): number {
  return transposedSize(a.inSize, a.stride, a.padding, a.dilation, a.kernel, a.outputPadding);
}

export function convOutputSize(a: DimArgs): number {
  return Math.floor((a.inSize + 2 * a.padding - a.dilation * (a.kernel - 1) - 1) / a.stride) + 1;
}

export function transposedDimCalc(axis: string, a: TransposedDimArgs): TransposedDimCalc {
  const out = transposedOutputSize(a);
  return {
    ...a,
    axis,
    out,
    formula: `${axis}_out = (${axis}_in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1`,
    substituted: `(${a.inSize} − 1)·${a.stride} − 2·${a.padding} + ${a.dilation}·(${a.kernel} − 1) + ${a.outputPadding} + 1 = ${out}`,
  };
}

export function convDimCalc(axis: string, a: DimArgs): ConvDimCalc {
  const out = convOutputSize(a);
  return {
    ...a,
    axis,
    out,
    formula: `${axis}_out = ⌊(${axis}_in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1`,
    substituted: `⌊(${a.inSize} + 2·${a.padding} − ${a.dilation}·(${a.kernel} − 1) − 1) / ${a.stride}⌋ + 1 = ${out}`,
  };
}

export interface OutputSizeRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Output sizes a transposed convolution can produce for this input, by PyTorch's `output_size` rule:
 * min is the size with output_padding 0, max = min + stride − 1.
 */
export function outputSizeRange(a: DimArgs): OutputSizeRange {
  const min = transposedOutputSize({ ...a, outputPadding: 0 });
  return { min, max: min + a.stride - 1 };
}

/** The output_padding that makes the output `target` long, or null when no valid one exists. */
export function outputPaddingFor(a: DimArgs, target: number): number | null {
  const { min, max } = outputSizeRange(a);
  if (!Number.isInteger(target) || target < min || target > max) return null;
  const op = target - min;
  return op < Math.max(a.stride, a.dilation) ? op : null;
}

/**
 * Dumoulin & Visin's "a": the output_padding with which the transposed convolution maps the forward
 * convolution's output back to exactly `a.inSize` (the forward convolution's input size).
 */
export function roundTripOutputPadding(a: DimArgs): number {
  const span = a.inSize + 2 * a.padding - effectiveKernel(a.kernel, a.dilation);
  return ((span % a.stride) + a.stride) % a.stride;
}

/**
 * PyTorch's `output_size` argument: the output_padding per dimension that produces `requested`, or an
 * 'output-size-unreachable' error in PyTorch's words when any dimension is outside [min, min + stride − 1].
 */
export function outputPaddingForOutputSize(dims: readonly DimArgs[], requested: readonly number[]): number[] {
  const ranges = dims.map(outputSizeRange);
  const fits =
    requested.length === dims.length &&
    requested.every((r, d) => Number.isInteger(r) && r >= ranges[d].min && r <= ranges[d].max);
  if (!fits) {
    const list = (xs: readonly number[]) => `[${xs.join(', ')}]`;
    throw new EngineError(
      'output-size-unreachable',
      `requested an output size of ${list(requested)}, but valid sizes range from ${list(ranges.map((r) => r.min))} to ${list(ranges.map((r) => r.max))} (for an input of torch.Size(${list(dims.map((d) => d.inSize))}))`,
      { requested, ranges },
    );
  }
  return requested.map((r, d) => r - ranges[d].min);
}
