/**
 * Values of layers with asymmetric padding (ONNX pads / auto_pad / output_shape, Keras "same" / "valid", trim):
 * the PyTorch layer of `torchEquivalentTransposed` followed by its window, and for a convolution the input padded
 * with zeros at each end, then convolved without padding.
 */
import { conv } from './conv';
import { convTranspose } from './convTranspose';
import { EngineError } from './errors';
import type { ComputePath } from './params';
import { transposedCanvas } from './paddingModes';
import { torchEquivalentTransposed } from './torchEquivalent';
import { allocate, dtypeOf, type Tensor, type TensorData } from './tensor';

/**
 * The window [start, start + size) of every spatial axis of an (N, C, ...spatial) tensor; positions outside
 * the tensor hold `fill[c]` (a channel's bias) or 0.
 */
export function spatialWindow(
  t: Tensor,
  start: readonly number[],
  size: readonly number[],
  fill: TensorData | null = null,
): Tensor {
  const [n, c, ...spatial] = t.shape;
  if (spatial.length !== start.length || spatial.length !== size.length || spatial.length < 1)
    throw new EngineError('invalid-parameter', `a window needs one start and size per spatial axis`, {});
  if (size.some((s) => !Number.isInteger(s) || s < 1))
    throw new EngineError('output-size-nonpositive', `the window [${size.join(', ')}] is empty`, { size });
  const rank = spatial.length;
  const inPlane = spatial.reduce((a, b) => a * b, 1);
  const outPlane = size.reduce((a, b) => a * b, 1);
  const inStrides = spatial.map((_, d) => spatial.slice(d + 1).reduce((a, b) => a * b, 1));
  const out = allocate(n * c * outPlane, dtypeOf(t));
  // For each output position of a plane: its source offset in the input plane, or −1 outside it.
  const source = new Int32Array(outPlane);
  const index = new Array<number>(rank).fill(0);
  for (let o = 0; o < outPlane; o++) {
    let at = 0;
    for (let d = 0; d < rank && at >= 0; d++) {
      const s = start[d] + index[d];
      at = s >= 0 && s < spatial[d] ? at + s * inStrides[d] : -1;
    }
    source[o] = at;
    for (let d = rank - 1; d >= 0 && ++index[d] === size[d]; d--) index[d] = 0;
  }
  for (let plane = 0; plane < n * c; plane++) {
    const value = fill ? fill[plane % c] : 0;
    const inBase = plane * inPlane;
    const outBase = plane * outPlane;
    for (let o = 0; o < outPlane; o++) out[outBase + o] = source[o] >= 0 ? t.data[inBase + source[o]] : value;
  }
  return { shape: [n, c, ...size], data: out };
}

export interface CropOptions {
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly groups?: number;
  /** Rows of the canvas (in − 1)·stride + dilation·(kernel − 1) + 1 dropped at the start of each axis (≥ 0). */
  readonly begin: readonly number[];
  /** Rows dropped at the end; negative: that many rows appended (holding the bias). */
  readonly end: readonly number[];
  readonly path?: ComputePath;
}

/**
 * A transposed convolution keeping rows [begin, C − end) of its canvas: PyTorch's layer with the equivalent
 * padding / output_padding, then the slice (and the rows beyond output_padding's reach, filled with the bias).
 */
export function convTransposeCropped(input: Tensor, weight: Tensor, bias: Tensor | null, o: CropOptions): Tensor {
  const spatialIn = input.shape.slice(2);
  const kernel = weight.shape.slice(2);
  const canvas = spatialIn.map((inSize, d) =>
    transposedCanvas({ inSize, kernel: kernel[d], stride: o.stride[d], dilation: o.dilation[d] }),
  );
  const torch = torchEquivalentTransposed(o.begin, o.end, o.stride, o.dilation, canvas);
  const y = convTranspose(input, weight, bias, {
    stride: [...o.stride],
    dilation: [...o.dilation],
    groups: o.groups ?? 1,
    padding: [...torch.padding],
    outputPadding: [...torch.outputPadding],
    path: o.path,
  });
  if (!torch.slice) return y;
  return spatialWindow(
    y,
    torch.slice.map((s) => s.start),
    torch.slice.map((s) => s.stop - s.start),
    bias ? bias.data : null,
  );
}

/** A convolution of the input padded with begin[d] zeros before and end[d] after each axis. */
export function convPadded(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | null,
  o: {
    stride: readonly number[];
    dilation: readonly number[];
    groups?: number;
    begin: readonly number[];
    end: readonly number[];
  },
): Tensor {
  const options = { stride: [...o.stride], dilation: [...o.dilation], groups: o.groups ?? 1 };
  if (o.begin.every((b, d) => b === o.end[d])) return conv(input, weight, bias, { ...options, padding: [...o.begin] });
  const spatial = input.shape.slice(2);
  const padded = spatialWindow(
    input,
    o.begin.map((b) => -b),
    spatial.map((s, d) => s + o.begin[d] + o.end[d]),
  );
  return conv(padded, weight, bias, { ...options, padding: 0 });
}
