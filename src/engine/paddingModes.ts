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

/** A rule's name and how begin and end follow from it: the first texts of an AxisPads. */
export type PadRule = Pick<AxisPads, 'rule' | 'padFormula' | 'padSubstituted'>;

/** The uncropped canvas of a transposed convolution: (in − 1)·stride + dilation·(kernel − 1) + 1. */
export function transposedCanvas(a: AxisPadArgs): number {
  return (a.inSize - 1) * a.stride + effectiveKernel(a.kernel, a.dilation);
}

/** Splits a non-negative total in two; the odd one goes to the end (`oddAtEnd`) or the start. */
export function splitTotal(total: number, oddAtEnd: boolean): [number, number] {
  const small = Math.floor(total / 2);
  return oddAtEnd ? [small, total - small] : [total - small, small];
}
