/**
 * Max and average pooling over N×C×spatial tensors (any number of spatial dimensions), with PyTorch's
 * MaxPool/AvgPool semantics: padding, dilation (max only), ceil_mode and count_include_pad.
 *   out = ⌊(in + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1        (ceil_mode: ⌈…⌉, and the
 *   last window is dropped when it would start in the right padding: (out − 1)·stride ≥ in + padding)
 */
import { EngineError } from './errors';
import type { DimCalc } from './shape';
import { allocate, dtypeOf, numel, type Tensor } from './tensor';

export interface PoolDimArgs {
  readonly inSize: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly ceilMode: boolean;
}

export interface PoolDimCalc extends DimCalc, PoolDimArgs {
  /** ceil_mode dropped the last window (it would have started in the padding). */
  readonly droppedLast: boolean;
}

/** PyTorch's pooling_output_shape along one axis. */
export function poolOutputSize(a: PoolDimArgs): { out: number; droppedLast: boolean } {
  const span = a.inSize + 2 * a.padding - a.dilation * (a.kernel - 1) - 1;
  let out = (a.ceilMode ? Math.ceil(span / a.stride) : Math.floor(span / a.stride)) + 1;
  const droppedLast = a.ceilMode && (out - 1) * a.stride >= a.inSize + a.padding;
  if (droppedLast) out--;
  return { out, droppedLast };
}

export function poolDimCalc(axis: string, a: PoolDimArgs, withDilation: boolean): PoolDimCalc {
  const { out, droppedLast } = poolOutputSize(a);
  const [open, close] = a.ceilMode ? ['⌈', '⌉'] : ['⌊', '⌋'];
  const dil = withDilation ? 'dilation·' : '';
  const dilValue = withDilation ? `${a.dilation}·` : '';
  const drop = droppedLast ? ' − 1' : '';
  const dropNote = a.ceilMode ? ' (ceil_mode: − 1 when the last window would start in the padding)' : '';
  return {
    ...a,
    axis,
    out,
    droppedLast,
    formula: `${axis}_out = ${open}(${axis}_in + 2·padding − ${dil}(kernel − 1) − 1) / stride${close} + 1${dropNote}`,
    substituted: `${open}(${a.inSize} + 2·${a.padding} − ${dilValue}(${a.kernel} − 1) − 1) / ${a.stride}${close} + 1${drop} = ${out}`,
  };
}

export interface PoolOptions {
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  /** Max pooling only; average pooling has none (1). */
  readonly dilation?: readonly number[];
  readonly ceilMode?: boolean;
  /** Average pooling: divide by the whole window, padding included (PyTorch's default true). */
  readonly countIncludePad?: boolean;
}

export type PoolProblemCode = 'invalid-parameter' | 'pool-padding' | 'output-size-nonpositive';

export interface PoolProblem {
  readonly code: PoolProblemCode;
  /** PyTorch's own words, where PyTorch has them. */
  readonly message: string;
  readonly dims?: readonly number[];
}

/** The output size along every spatial axis of an (N, C, ...spatial) input. */
function poolOutputSizes(inputShape: readonly number[], o: PoolOptions): number[] {
  const dilation = o.dilation ?? o.kernel.map(() => 1);
  return o.kernel.map(
    (k, d) =>
      poolOutputSize({
        inSize: inputShape[2 + d],
        kernel: k,
        stride: o.stride[d],
        padding: o.padding[d],
        dilation: dilation[d],
        ceilMode: o.ceilMode ?? false,
      }).out,
  );
}

/** What PyTorch rejects about a pooling layer on this input, in its words (empty: accepted). */
export function checkPool(inputShape: readonly number[], o: PoolOptions): PoolProblem[] {
  const rank = o.kernel.length;
  const problems: PoolProblem[] = [];
  const dilation = o.dilation ?? new Array<number>(rank).fill(1);
  const bad = (values: readonly number[]) => values.flatMap((v, d) => (v > 0 ? [] : [d]));
  if (bad(o.kernel).length > 0)
    problems.push({
      code: 'invalid-parameter',
      message: 'kernel size should be greater than zero',
      dims: bad(o.kernel),
    });
  if (bad(o.stride).length > 0)
    problems.push({ code: 'invalid-parameter', message: 'stride should be greater than zero', dims: bad(o.stride) });
  if (bad(dilation).length > 0)
    problems.push({ code: 'invalid-parameter', message: 'dilation should be greater than zero', dims: bad(dilation) });
  if (problems.length > 0) return problems;
  const tooMuch = o.padding.flatMap((p, d) => (p > Math.floor(o.kernel[d] / 2) ? [d] : []));
  if (tooMuch.length > 0)
    problems.push({
      code: 'pool-padding',
      message: `pad should be at most half of kernel size, but got pad=${o.padding[tooMuch[0]]} and kernel_size=${o.kernel[tooMuch[0]]}`,
      dims: tooMuch,
    });
  const outs = poolOutputSizes(inputShape, o);
  const small = outs.flatMap((n, d) => (n < 1 ? [d] : []));
  if (small.length > 0)
    problems.push({
      code: 'output-size-nonpositive',
      message: `Given input size: (${inputShape.slice(1).join('x')}). Calculated output size: (${[inputShape[1], ...outs].join('x')}). Output size is too small`,
      dims: small,
    });
  return problems;
}

function outputShapeOf(x: Tensor, o: PoolOptions): number[] {
  const problems = checkPool(x.shape, o);
  if (problems.length > 0)
    throw new EngineError(
      problems[0].code === 'output-size-nonpositive' ? 'output-size-nonpositive' : 'invalid-parameter',
      problems[0].message,
    );
  return [x.shape[0], x.shape[1], ...poolOutputSizes(x.shape, o)];
}

/** Visits every output position of every plane: `visit(plane, outIndex, start)`, start = out·stride − padding per axis. */
function forEachWindow(
  inShape: readonly number[],
  outShape: readonly number[],
  o: PoolOptions,
  visit: (planeOffset: number, outIndex: number, start: readonly number[]) => void,
): void {
  const rank = inShape.length - 2;
  const planes = inShape[0] * inShape[1];
  const inPlane = numel(inShape.slice(2));
  const outSpatial = outShape.slice(2);
  const outPlane = numel(outSpatial);
  const pos = new Array<number>(rank).fill(0);
  const start = new Array<number>(rank).fill(0);
  for (let p = 0; p < planes; p++) {
    pos.fill(0);
    for (let i = 0; i < outPlane; i++) {
      for (let d = 0; d < rank; d++) start[d] = pos[d] * o.stride[d] - o.padding[d];
      visit(p * inPlane, p * outPlane + i, start);
      for (let d = rank - 1; d >= 0; d--) {
        if (++pos[d] < outSpatial[d]) break;
        pos[d] = 0;
      }
    }
  }
}

/** torch.nn.functional.max_pool1d/2d/3d: NaN wins, as in PyTorch. */
export function maxPool(x: Tensor, o: PoolOptions): Tensor {
  const outShape = outputShapeOf(x, o);
  const rank = x.shape.length - 2;
  const spatial = x.shape.slice(2);
  const dilation = o.dilation ?? o.kernel.map(() => 1);
  const out = allocate(numel(outShape), dtypeOf(x));
  const tap = new Array<number>(rank).fill(0);
  const taps = numel(o.kernel);
  forEachWindow(x.shape, outShape, o, (planeOffset, outIndex, start) => {
    let best = -Infinity;
    tap.fill(0);
    for (let t = 0; t < taps; t++) {
      let offset = 0;
      let inside = true;
      for (let d = 0; d < rank; d++) {
        const at = start[d] + tap[d] * dilation[d];
        if (at < 0 || at >= spatial[d]) {
          inside = false;
          break;
        }
        offset = offset * spatial[d] + at;
      }
      if (inside) {
        const v = x.data[planeOffset + offset];
        if (v > best || Number.isNaN(v)) best = v;
        if (Number.isNaN(best)) break;
      }
      for (let d = rank - 1; d >= 0; d--) {
        if (++tap[d] < o.kernel[d]) break;
        tap[d] = 0;
      }
    }
    out[outIndex] = best;
  });
  return { shape: outShape, data: out };
}

/** torch.nn.functional.avg_pool1d/2d/3d (no divisor_override). */
export function avgPool(x: Tensor, o: PoolOptions): Tensor {
  const outShape = outputShapeOf(x, { ...o, dilation: undefined });
  const rank = x.shape.length - 2;
  const spatial = x.shape.slice(2);
  const includePad = o.countIncludePad ?? true;
  const out = allocate(numel(outShape), dtypeOf(x));
  const lo = new Array<number>(rank).fill(0);
  const hi = new Array<number>(rank).fill(0);
  const at = new Array<number>(rank).fill(0);
  forEachWindow(x.shape, outShape, o, (planeOffset, outIndex, start) => {
    let poolSize = 1;
    let validSize = 1;
    for (let d = 0; d < rank; d++) {
      // PyTorch: the window is clipped to the padded input for the divisor, then to the input for the sum.
      const end = Math.min(start[d] + o.kernel[d], spatial[d] + o.padding[d]);
      poolSize *= end - start[d];
      lo[d] = Math.max(start[d], 0);
      hi[d] = Math.min(end, spatial[d]);
      validSize *= Math.max(0, hi[d] - lo[d]);
    }
    if (validSize === 0) {
      out[outIndex] = 0;
      return;
    }
    let sum = 0;
    for (let d = 0; d < rank; d++) at[d] = lo[d];
    for (let t = 0; t < validSize; t++) {
      let offset = 0;
      for (let d = 0; d < rank; d++) offset = offset * spatial[d] + at[d];
      sum += x.data[planeOffset + offset];
      for (let d = rank - 1; d >= 0; d--) {
        if (++at[d] < hi[d]) break;
        at[d] = lo[d];
      }
    }
    out[outIndex] = sum / (includePad ? poolSize : validSize);
  });
  return { shape: outShape, data: out };
}
