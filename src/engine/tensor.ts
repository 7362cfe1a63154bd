import { EngineError } from './errors';

export type DType = 'float64' | 'float32';
export type TensorData = Float64Array | Float32Array;
export type NestedNumbers = number | NestedNumbers[];

/** A dense row-major tensor. Convolution tensors are NCHW (or NCL for 1-D). */
export interface Tensor {
  readonly shape: readonly number[];
  readonly data: TensorData;
}

/**
 * Elements above which the engine refuses to allocate one tensor: 2^28 (1 GiB in float32, 2 GiB in float64).
 * Specs never reach it by surprise: src/specFile/memoryBudget.ts decides, from shapes alone, which layers' values
 * are computed (tconv.memoryBudget), and names this limit when a tensor is beyond it.
 */
export const MAX_TENSOR_ELEMENTS = 268_435_456;

/** The verifications' own cap on what one check builds (the gradient's windows); no longer a cap on a spec's tensors. */
export const DEFAULT_MAX_ELEMENTS = 16_777_216;

export function numel(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i];
  }
  return strides;
}

export function assertShape(shape: readonly number[], maxElements = MAX_TENSOR_ELEMENTS): void {
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new EngineError('bad-shape', `invalid shape [${shape.join(', ')}]: sizes must be non-negative integers`, {
        shape,
      });
    }
  }
  const n = numel(shape);
  if (n > maxElements) {
    throw new EngineError(
      'size-cap',
      `shape [${shape.join(', ')}] has ${n} elements, above the cap of ${maxElements}`,
      {
        shape,
        elements: n,
        cap: maxElements,
      },
    );
  }
}

export function allocate(n: number, dtype: DType = 'float64'): TensorData {
  return dtype === 'float32' ? new Float32Array(n) : new Float64Array(n);
}

export function dtypeOf(t: Tensor): DType {
  return t.data instanceof Float32Array ? 'float32' : 'float64';
}

/** A tensor of the given shape; copies `data` when given (its length must match), zeros otherwise. */
export function tensor(shape: readonly number[], data?: ArrayLike<number>, dtype: DType = 'float64'): Tensor {
  assertShape(shape);
  const n = numel(shape);
  const out = allocate(n, dtype);
  if (data !== undefined) {
    if (data.length !== n) {
      throw new EngineError('bad-shape', `shape [${shape.join(', ')}] needs ${n} values, got ${data.length}`, {
        shape,
        length: data.length,
      });
    }
    for (let i = 0; i < n; i++) out[i] = data[i];
  }
  return { shape: [...shape], data: out };
}

export function zeros(shape: readonly number[], dtype: DType = 'float64'): Tensor {
  return tensor(shape, undefined, dtype);
}

export function reshape(t: Tensor, shape: readonly number[]): Tensor {
  if (numel(shape) !== t.data.length) {
    throw new EngineError('bad-shape', `cannot reshape [${t.shape.join(', ')}] to [${shape.join(', ')}]`, {
      from: t.shape,
      to: shape,
    });
  }
  return { shape: [...shape], data: t.data };
}

/** Shape of a nested array, or null when it is ragged or holds non-numbers. */
export function nestedShape(value: NestedNumbers): number[] | null {
  const shape: number[] = [];
  let level: NestedNumbers = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  const check = (v: NestedNumbers, depth: number): boolean => {
    if (depth === shape.length) return typeof v === 'number';
    if (!Array.isArray(v) || v.length !== shape[depth]) return false;
    return v.every((child) => check(child, depth + 1));
  };
  return check(value, 0) ? shape : null;
}

export function fromNested(value: NestedNumbers, dtype: DType = 'float64'): Tensor {
  const shape = nestedShape(value);
  if (shape === null) throw new EngineError('bad-shape', 'nested array is ragged or holds non-numbers');
  const flat: number[] = [];
  const walk = (v: NestedNumbers): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else flat.push(v);
  };
  walk(value);
  return tensor(shape, flat, dtype);
}

export function toNested(t: Tensor): NestedNumbers {
  if (t.shape.length === 0) return t.data[0];
  const strides = stridesOf(t.shape);
  const build = (dim: number, offset: number): NestedNumbers => {
    const out: NestedNumbers[] = [];
    for (let i = 0; i < t.shape[dim]; i++) {
      out.push(dim === t.shape.length - 1 ? t.data[offset + i] : build(dim + 1, offset + i * strides[dim]));
    }
    return out;
  };
  return build(0, 0);
}

export function at(t: Tensor, ...index: number[]): number {
  const strides = stridesOf(t.shape);
  let off = 0;
  for (let i = 0; i < index.length; i++) off += index[i] * strides[i];
  return t.data[off];
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export function formatShape(shape: readonly number[]): string {
  return shape.join('×');
}

export interface Closeness {
  readonly ok: boolean;
  readonly maxAbsDiff: number;
  readonly maxRelDiff: number;
  /** Flat index of the worst element, -1 when the shapes differ or both are empty. */
  readonly worstIndex: number;
}

/** |a − b| ≤ atol + rtol·|b| elementwise, like numpy.allclose; shapes must match. */
export function allClose(a: Tensor, b: Tensor, rtol = 1e-9, atol = 1e-12): Closeness {
  if (!sameShape(a.shape, b.shape)) return { ok: false, maxAbsDiff: Infinity, maxRelDiff: Infinity, worstIndex: -1 };
  let ok = true;
  let maxAbs = 0;
  let maxRel = 0;
  let worst = -1;
  for (let i = 0; i < a.data.length; i++) {
    const x = a.data[i];
    const y = b.data[i];
    const diff = Math.abs(x - y);
    if (!(diff <= atol + rtol * Math.abs(y))) ok = false;
    if (diff > maxAbs || Number.isNaN(diff)) {
      maxAbs = Number.isNaN(diff) ? Infinity : diff;
      worst = i;
    }
    const rel = diff / Math.max(Math.abs(y), Number.MIN_VALUE);
    if (rel > maxRel) maxRel = rel;
  }
  return { ok, maxAbsDiff: maxAbs, maxRelDiff: maxRel, worstIndex: worst };
}
