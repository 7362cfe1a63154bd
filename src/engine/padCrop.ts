/**
 * Constant padding and cropping of the spatial axes of N×C×spatial tensors. Pads are in ONNX's layout,
 * [x1_begin, x2_begin, …, x1_end, x2_end, …]; a negative pad removes that many rows (F.pad's negative pads).
 */
import { EngineError } from './errors';
import type { DimCalc } from './shape';
import { allocate, dtypeOf, numel, type Tensor } from './tensor';

/** out = begin + in + end along one axis. */
export function padDimCalc(axis: string, inSize: number, begin: number, end: number): DimCalc {
  const out = begin + inSize + end;
  const term = (v: number) => (v < 0 ? `− ${-v}` : `+ ${v}`);
  return {
    axis,
    out,
    formula: `${axis}_out = ${axis}_in + pad_begin + pad_end`,
    substituted: `${inSize} ${term(begin)} ${term(end)} = ${out}`,
  };
}

/**
 * torchvision's CenterCrop (and the original U-Net's crop): the rows removed before the kept block,
 * round((in − size) / 2) with Python's round half to even; the rest are removed after it.
 */
export function centerCropBegin(inSize: number, size: number): number {
  const half = (inSize - size) / 2;
  const floor = Math.floor(half);
  if (half - floor !== 0.5) return Math.round(half);
  return floor % 2 === 0 ? floor : floor + 1;
}

export function cropDimCalc(axis: string, inSize: number, begin: number, end: number): DimCalc {
  const out = inSize - begin - end;
  return {
    axis,
    out,
    formula: `${axis}_out = ${axis}_in − crop_begin − crop_end`,
    substituted: `${inSize} − ${begin} − ${end} = ${out}`,
  };
}

/** Pads (or, where negative, crops) the spatial axes: pads = [begin per axis…, end per axis…]. */
export function constantPad(x: Tensor, pads: readonly number[], value = 0): Tensor {
  const rank = x.shape.length - 2;
  if (pads.length !== 2 * rank)
    throw new EngineError('invalid-parameter', `pads needs ${2 * rank} values, got ${pads.length}`);
  const inSpatial = x.shape.slice(2);
  const outSpatial = inSpatial.map((n, d) => n + pads[d] + pads[rank + d]);
  if (outSpatial.some((n) => n < 1))
    throw new EngineError('output-size-nonpositive', `padding gives an empty output [${outSpatial.join(', ')}]`);
  const outShape = [x.shape[0], x.shape[1], ...outSpatial];
  const out = allocate(numel(outShape), dtypeOf(x));
  const planes = x.shape[0] * x.shape[1];
  const inPlane = numel(inSpatial);
  const outPlane = numel(outSpatial);
  const pos = new Array<number>(rank).fill(0);
  for (let i = 0; i < outPlane; i++) {
    let offset = 0;
    let inside = true;
    for (let d = 0; d < rank; d++) {
      const src = pos[d] - pads[d];
      if (src < 0 || src >= inSpatial[d]) {
        inside = false;
        break;
      }
      offset = offset * inSpatial[d] + src;
    }
    for (let p = 0; p < planes; p++) out[p * outPlane + i] = inside ? x.data[p * inPlane + offset] : value;
    for (let d = rank - 1; d >= 0; d--) {
      if (++pos[d] < outSpatial[d]) break;
      pos[d] = 0;
    }
  }
  return { shape: outShape, data: out };
}

/** Removes begin[d] rows before and end[d] after along each spatial axis (x[..., b:in−e]). */
export function crop(x: Tensor, begin: readonly number[], end: readonly number[]): Tensor {
  if (begin.some((b) => b < 0) || end.some((e) => e < 0))
    throw new EngineError('invalid-parameter', 'a crop removes a non-negative number of rows');
  return constantPad(x, [...begin.map((b) => -b), ...end.map((e) => -e)]);
}
