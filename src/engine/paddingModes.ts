/**
 * The other frameworks' padding, resolved per axis to how many rows a layer removes at each end.
 *
 * Transposed convolution. Every framework computes the same uncropped canvas,
 *   C = (in − 1)·stride + dilation·(kernel − 1) + 1,
 * and keeps a window of it: `begin` rows dropped at the start, `end` at the end (a negative `end` appends that
 * many rows that no input reaches, which hold the bias, like PyTorch's output_padding). Output = C − begin − end.
 *   - PyTorch (padding p, output_padding a):            begin = p,      end = p − a
 *   - ONNX pads [b, e] (+ output_padding a):             begin = b,      end = e − a
 *   - ONNX auto_pad SAME_UPPER / SAME_LOWER:             out = in·stride, total = C + a − out split in two,
 *                                                        the odd one at the end (UPPER) or the start (LOWER)
 *   - ONNX auto_pad VALID / NOTSET without pads:         begin = 0,      end = −a
 *   - ONNX output_shape (out given):                     total = C + a − out; SAME_UPPER puts the odd one at the
 *                                                        end, NOTSET / SAME_LOWER / VALID at the start; a negative
 *                                                        total appends −total rows at the end (fewer than stride)
 *   - Keras / TensorFlow padding="same" | "valid":       out by keras' deconv_output_length, then TensorFlow's
 *                                                        SAME rule for the forward convolution of that size:
 *                                                        total = max(C − out, 0), begin = ⌊total/2⌋
 *   - trim { begin, end } (EnCodec's causal trim):       adds to begin / end after the layer
 *
 * Convolution: the input is padded with `begin` zeros at the start and `end` at the end, then convolved without
 * padding: out = ⌊(in + begin + end − dilation·(kernel − 1) − 1) / stride⌋ + 1.
 *   - ONNX auto_pad SAME_UPPER / SAME_LOWER, Keras "same": out = ⌈in / stride⌉,
 *     total = max((out − 1)·stride + dilation·(kernel − 1) + 1 − in, 0), the odd one at the end (UPPER, Keras)
 *     or the start (LOWER); VALID / Keras "valid": no padding.
 *
 * Each resolution is returned with its formula in symbols and with the numbers, as the shape formulas are.
 */
import { effectiveKernel } from './shape';

export type OnnxAutoPad = 'NOTSET' | 'SAME_UPPER' | 'SAME_LOWER' | 'VALID';
export const ONNX_AUTO_PADS: readonly OnnxAutoPad[] = ['NOTSET', 'SAME_UPPER', 'SAME_LOWER', 'VALID'];
export type KerasPaddingName = 'same' | 'valid';

/** How a layer's padding is written: PyTorch's, ONNX's or Keras'. One value per axis where it applies. */
export type PaddingMode =
  | { readonly kind: 'torch'; readonly padding: number }
  | { readonly kind: 'pads'; readonly begin: number; readonly end: number }
  | { readonly kind: 'autoPad'; readonly autoPad: OnnxAutoPad }
  | { readonly kind: 'outputShape'; readonly size: number; readonly autoPad: OnnxAutoPad }
  | { readonly kind: 'keras'; readonly padding: KerasPaddingName };

export interface AxisPadArgs {
  readonly inSize: number;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
}

export interface TransposedAxisArgs extends AxisPadArgs {
  /** output_padding as written; for Keras null means "not set" (keras infers the length). */
  readonly outputPadding: number | null;
}

/** One axis resolved: rows removed at each end (of the canvas for a transposed layer, added for a convolution). */
export interface AxisPads {
  readonly axis: string;
  readonly begin: number;
  readonly end: number;
  readonly out: number;
  /** The rule's name, e.g. `ONNX auto_pad SAME_UPPER`. */
  readonly rule: string;
  /** How begin and end follow, in symbols and then with numbers. */
  readonly padFormula: string;
  readonly padSubstituted: string;
  /** The output size, in symbols and with numbers. */
  readonly formula: string;
  readonly substituted: string;
  /** Why the framework itself would refuse this axis (TensorFlow's shape check, ONNX Runtime's), or null. */
  readonly rejected: string | null;
}

/** The uncropped canvas of a transposed convolution: (in − 1)·stride + dilation·(kernel − 1) + 1. */
export function transposedCanvas(a: AxisPadArgs): number {
  return (a.inSize - 1) * a.stride + effectiveKernel(a.kernel, a.dilation);
}

const canvasText = (axis: string) => `(${axis}_in − 1)·stride + dilation·(kernel − 1) + 1`;
const canvasNumbers = (a: AxisPadArgs) => `(${a.inSize} − 1)·${a.stride} + ${a.dilation}·(${a.kernel} − 1) + 1`;
const signed = (v: number) => (v < 0 ? `(${v})` : String(v));

/** Splits a non-negative total in two; the odd one goes to the end (`oddAtEnd`) or the start. */
function split(total: number, oddAtEnd: boolean): [number, number] {
  const small = Math.floor(total / 2);
  return oddAtEnd ? [small, total - small] : [total - small, small];
}

function transposedResult(
  axis: string,
  a: TransposedAxisArgs,
  begin: number,
  end: number,
  rule: string,
  padFormula: string,
  padSubstituted: string,
  rejected: string | null = null,
): AxisPads {
  const canvas = transposedCanvas(a);
  const out = canvas - begin - end;
  return {
    axis,
    begin,
    end,
    out,
    rule,
    padFormula,
    padSubstituted,
    formula: `${axis}_out = ${canvasText(axis)} − begin − end`,
    substituted: `${canvasNumbers(a)} − ${signed(begin)} − ${signed(end)} = ${out}`,
    rejected,
  };
}

/** One axis of a transposed convolution under `mode` (a = output_padding, 0 when null). */
export function transposedAxisPads(axis: string, a: TransposedAxisArgs, mode: PaddingMode): AxisPads {
  const op = a.outputPadding ?? 0;
  const canvas = transposedCanvas(a);
  switch (mode.kind) {
    case 'torch':
      return transposedResult(
        axis,
        a,
        mode.padding,
        mode.padding - op,
        'PyTorch padding',
        'begin = padding, end = padding − output_padding',
        `begin = ${mode.padding}, end = ${mode.padding} − ${op} = ${mode.padding - op}`,
      );
    case 'pads':
      return transposedResult(
        axis,
        a,
        mode.begin,
        mode.end - op,
        'ONNX pads',
        'begin = pads_begin, end = pads_end − output_padding',
        `begin = ${mode.begin}, end = ${mode.end} − ${op} = ${mode.end - op}`,
      );
    case 'autoPad': {
      if (mode.autoPad === 'VALID' || mode.autoPad === 'NOTSET')
        return transposedResult(
          axis,
          a,
          0,
          -op,
          `ONNX auto_pad ${mode.autoPad}`,
          'begin = 0, end = −output_padding',
          `begin = 0, end = −${op}`,
        );
      const target = a.inSize * a.stride;
      return totalSplit(axis, a, target, mode.autoPad === 'SAME_UPPER', `ONNX auto_pad ${mode.autoPad}`, {
        formula: 'total = C + output_padding − in·stride',
        numbers: `total = ${canvas} + ${op} − ${a.inSize}·${a.stride} = ${canvas + op - target}`,
      });
    }
    case 'outputShape': {
      const atEnd = mode.autoPad === 'SAME_UPPER';
      const result = totalSplit(
        axis,
        a,
        mode.size,
        atEnd,
        `ONNX output_shape${mode.autoPad === 'NOTSET' ? '' : ` (auto_pad ${mode.autoPad})`}`,
        {
          formula: 'total = C + output_padding − output_shape',
          numbers: `total = ${canvas} + ${op} − ${mode.size} = ${canvas + op - mode.size}`,
        },
      );
      const missing = mode.size - (canvas + op);
      const rejected =
        mode.size < 1
          ? `output_shape ${mode.size} is not a size`
          : missing >= a.stride
            ? `output_shape ${mode.size} needs ${missing} rows beyond the canvas and output_padding (${canvas + op}), at most stride − 1 = ${a.stride - 1}`
            : null;
      return { ...result, rejected };
    }
    case 'keras':
      return kerasTransposedAxis(axis, a, mode.padding);
  }
}

/** total = C + a − target split in two (negative: −total rows appended at the end). */
function totalSplit(
  axis: string,
  a: TransposedAxisArgs,
  target: number,
  oddAtEnd: boolean,
  rule: string,
  total: { formula: string; numbers: string },
): AxisPads {
  const op = a.outputPadding ?? 0;
  const t = transposedCanvas(a) + op - target;
  const [padBegin, padEnd] = t >= 0 ? split(t, oddAtEnd) : [0, t];
  const where = oddAtEnd ? '⌊total/2⌋' : '⌈total/2⌉';
  return transposedResult(
    axis,
    a,
    padBegin,
    padEnd - op,
    rule,
    `${total.formula}; begin = ${where}, end = total − begin − output_padding${t < 0 ? ' (total < 0: rows appended at the end)' : ''}`,
    `${total.numbers}; begin = ${padBegin}, end = ${t} − ${padBegin} − ${op} = ${padEnd - op}`,
  );
}

/** Keras' deconv_output_length: the output length Conv{1,2}DTranspose asks TensorFlow for. */
export function kerasTransposedLength(a: TransposedAxisArgs, padding: KerasPaddingName): number {
  const k = effectiveKernel(a.kernel, a.dilation);
  if (a.outputPadding === null)
    return padding === 'valid' ? a.inSize * a.stride + Math.max(k - a.stride, 0) : a.inSize * a.stride;
  const pad = padding === 'same' ? Math.floor(k / 2) : 0;
  return (a.inSize - 1) * a.stride + k - 2 * pad + a.outputPadding;
}

/**
 * Keras / TensorFlow: out = deconv_output_length(...), then tf.nn.conv_transpose pads as the forward convolution of
 * an `out`-long input would (SAME: total = max(C − out, 0), ⌊total/2⌋ at the start; VALID: none) and refuses an
 * `out` that convolution would not map back to `in`.
 */
function kerasTransposedAxis(axis: string, a: TransposedAxisArgs, padding: KerasPaddingName): AxisPads {
  const canvas = transposedCanvas(a);
  const k = effectiveKernel(a.kernel, a.dilation);
  const out = kerasTransposedLength(a, padding);
  const total = padding === 'same' ? Math.max(canvas - out, 0) : 0;
  const begin = Math.floor(total / 2);
  const end = canvas - begin - out;
  const forwardOut = padding === 'same' ? Math.ceil(out / a.stride) : Math.ceil((out - k + 1) / a.stride);
  let rejected: string | null = null;
  if (a.outputPadding !== null && a.outputPadding >= a.stride)
    rejected = `Keras requires output_padding < stride (got output_padding ${a.outputPadding}, stride ${a.stride})`;
  else if (forwardOut !== a.inSize)
    rejected = `TensorFlow refuses the ${out}-long output: a ${padding.toUpperCase()} convolution of it has ${forwardOut} positions, not ${a.inSize} (conv_transpose: "Size of out_backprop doesn't match computed")`;
  const length =
    a.outputPadding === null
      ? padding === 'valid'
        ? {
            formula: `${axis}_out = ${axis}_in·stride + max(k − stride, 0)`,
            numbers: `${a.inSize}·${a.stride} + max(${k} − ${a.stride}, 0) = ${out}`,
          }
        : { formula: `${axis}_out = ${axis}_in·stride`, numbers: `${a.inSize}·${a.stride} = ${out}` }
      : {
          formula: `${axis}_out = (${axis}_in − 1)·stride + k − 2·${padding === 'same' ? '⌊k/2⌋' : '0'} + output_padding`,
          numbers: `(${a.inSize} − 1)·${a.stride} + ${k} − 2·${padding === 'same' ? Math.floor(k / 2) : 0} + ${a.outputPadding} = ${out}`,
        };
  return {
    axis,
    begin,
    end,
    out,
    rule: `Keras padding="${padding}"${a.outputPadding === null ? '' : ' with output_padding'}`,
    padFormula:
      padding === 'same'
        ? 'total = max(C − out, 0); begin = ⌊total/2⌋ (TensorFlow puts the odd row at the end), end = C − begin − out'
        : 'begin = 0, end = C − out',
    padSubstituted:
      padding === 'same'
        ? `total = max(${canvas} − ${out}, 0) = ${total}; begin = ${begin}, end = ${canvas} − ${begin} − ${out} = ${end}`
        : `begin = 0, end = ${canvas} − ${out} = ${end}`,
    formula:
      a.outputPadding === null && padding === 'same'
        ? `${length.formula}   (keras' deconv_output_length)`
        : `${length.formula}   (k = dilation·(kernel − 1) + 1, keras' deconv_output_length)`,
    substituted: length.numbers,
    rejected,
  };
}

/** One axis of a forward convolution under `mode` (the input gets `begin` zeros before it and `end` after). */
export function convAxisPads(axis: string, a: AxisPadArgs, mode: PaddingMode): AxisPads {
  const k = effectiveKernel(a.kernel, a.dilation);
  const result = (begin: number, end: number, rule: string, padFormula: string, padSubstituted: string): AxisPads => {
    const out = Math.floor((a.inSize + begin + end - k) / a.stride) + 1;
    return {
      axis,
      begin,
      end,
      out,
      rule,
      padFormula,
      padSubstituted,
      formula: `${axis}_out = ⌊(${axis}_in + begin + end − dilation·(kernel − 1) − 1) / stride⌋ + 1`,
      substituted: `⌊(${a.inSize} + ${begin} + ${end} − ${a.dilation}·(${a.kernel} − 1) − 1) / ${a.stride}⌋ + 1 = ${out}`,
      rejected: null,
    };
  };
  const same = (oddAtEnd: boolean, rule: string) => {
    const out = Math.ceil(a.inSize / a.stride);
    const total = Math.max((out - 1) * a.stride + k - a.inSize, 0);
    const [b, e] = split(total, oddAtEnd);
    return result(
      b,
      e,
      rule,
      `out = ⌈in/stride⌉; total = max((out − 1)·stride + k − in, 0); begin = ${oddAtEnd ? '⌊total/2⌋' : '⌈total/2⌉'}, end = total − begin`,
      `out = ⌈${a.inSize}/${a.stride}⌉ = ${out}; total = max((${out} − 1)·${a.stride} + ${k} − ${a.inSize}, 0) = ${total}; begin = ${b}, end = ${e}`,
    );
  };
  switch (mode.kind) {
    case 'torch':
      return result(
        mode.padding,
        mode.padding,
        'PyTorch padding',
        'begin = end = padding',
        `begin = end = ${mode.padding}`,
      );
    case 'pads':
      return result(
        mode.begin,
        mode.end,
        'ONNX pads',
        'begin = pads_begin, end = pads_end',
        `begin = ${mode.begin}, end = ${mode.end}`,
      );
    case 'outputShape':
    case 'autoPad': {
      const autoPad = mode.autoPad;
      if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER')
        return same(autoPad === 'SAME_UPPER', `ONNX auto_pad ${autoPad}`);
      return result(0, 0, `ONNX auto_pad ${autoPad}`, 'begin = end = 0', 'begin = end = 0');
    }
    case 'keras':
      return mode.padding === 'same'
        ? same(true, 'Keras padding="same"')
        : result(0, 0, 'Keras padding="valid"', 'begin = end = 0', 'begin = end = 0');
  }
}

/** The same layer in PyTorch: ConvTranspose with `padding` and `outputPadding`, then `slice` when needed. */
export interface TorchEquivalent {
  /** PyTorch's padding and output_padding alone give this window. */
  readonly exact: boolean;
  readonly padding: readonly number[];
  readonly outputPadding: readonly number[];
  /** y[..., start:stop] per axis after the PyTorch layer; null when exact. */
  readonly slice: readonly { readonly start: number; readonly stop: number }[] | null;
  /** Rows appended after the PyTorch layer per axis (beyond what output_padding may add); null when none. */
  readonly padAfter: readonly number[] | null;
}

/**
 * PyTorch's equivalent of a transposed layer that drops begin[d] / end[d] rows of the canvas: padding and
 * output_padding alone when 0 ≤ begin − end < max(stride, dilation); else padding = max(min(begin, end), 0)
 * (+ output_padding for a negative end) and the slice y[..., begin − padding : begin − padding + out].
 */
export function torchEquivalentTransposed(
  begin: readonly number[],
  end: readonly number[],
  stride: readonly number[],
  dilation: readonly number[],
  canvas: readonly number[],
): TorchEquivalent {
  const limit = (d: number) => Math.max(stride[d], dilation[d]);
  const exact = begin.every((b, d) => b >= 0 && b - end[d] >= 0 && b - end[d] < limit(d));
  if (exact)
    return { exact, padding: [...begin], outputPadding: begin.map((b, d) => b - end[d]), slice: null, padAfter: null };
  const padding = begin.map((b, d) => Math.max(Math.min(b, end[d]), 0));
  const wantedOp = end.map((e) => Math.max(-e, 0));
  const outputPadding = wantedOp.map((op, d) => Math.min(op, limit(d) - 1));
  const padAfter = wantedOp.map((op, d) => op - outputPadding[d]);
  const slice = begin.map((b, d) => {
    const start = b - padding[d];
    return { start, stop: start + canvas[d] - b - end[d] };
  });
  return { exact, padding, outputPadding, slice, padAfter: padAfter.some((p) => p > 0) ? padAfter : null };
}
