import type { ConvOptions, ConvParams, IntOrTuple } from '../params';
import { transposedSize } from '../shape';
import { MAX_TENSOR_ELEMENTS } from '../tensor';

/**
 * Every size and hyperparameter of one transposed convolution as plain numbers, 1-D lifted to 2-D (H = 1,
 * with a neutral kernel, stride, padding and dilation), which is what the kernels loop over.
 */
export interface ConvDims {
  readonly batch: number;
  readonly cIn: number;
  readonly hIn: number;
  readonly wIn: number;
  readonly cOut: number;
  readonly cOutPerGroup: number;
  readonly kH: number;
  readonly kW: number;
  readonly hOut: number;
  readonly wOut: number;
  readonly sH: number;
  readonly sW: number;
  readonly pH: number;
  readonly pW: number;
  readonly dH: number;
  readonly dW: number;
  readonly groups: number;
}

/** Multiply-adds of the scatter: N·C_in·H_in·W_in·(C_out/groups)·kH·kW. */
export function macsOf(d: ConvDims): number {
  return d.batch * d.cIn * d.hIn * d.wIn * d.cOutPerGroup * d.kH * d.kW;
}

/** One entry of a hyperparameter as the user wrote it (scalar, tuple or absent); NaN when the tuple has the wrong length. */
function entry(value: IntOrTuple | undefined, rank: number, i: number, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number') return value;
  return value.length === rank ? value[i] : NaN;
}

const isSize = (v: number) => Number.isInteger(v) && v >= 0;

/**
 * The dims of a call that is certainly valid, read straight from the options without normalising them
 * (no arrays, no messages: this is what keeps a tiny call well under a microsecond). Null whenever anything
 * is off or unusual; the caller then runs the full checks (normalizeParams, checkConvTranspose), which throw
 * PyTorch's error. Accepts exactly a subset of what those checks accept, with the same output shape.
 */
export function quickDims(
  inShape: readonly number[],
  wShape: readonly number[],
  biasLength: number | null,
  o: ConvOptions,
  rank: 1 | 2,
): ConvDims | null {
  if (inShape.length !== rank + 2 || wShape.length !== rank + 2) return null;
  const two = rank === 2;
  const sH = two ? entry(o.stride, 2, 0, 1) : 1;
  const sW = entry(o.stride, rank, rank - 1, 1);
  const pH = two ? entry(o.padding, 2, 0, 0) : 0;
  const pW = entry(o.padding, rank, rank - 1, 0);
  const opH = two ? entry(o.outputPadding, 2, 0, 0) : 0;
  const opW = entry(o.outputPadding, rank, rank - 1, 0);
  const dH = two ? entry(o.dilation, 2, 0, 1) : 1;
  const dW = entry(o.dilation, rank, rank - 1, 1);
  const groups = o.groups ?? 1;
  if (!(
    Number.isInteger(sH) &&
    sH >= 1 &&
    Number.isInteger(sW) &&
    sW >= 1 &&
    Number.isInteger(dH) &&
    dH >= 1 &&
    Number.isInteger(dW) &&
    dW >= 1
  ))
    return null;
  if (!(isSize(pH) && isSize(pW) && isSize(opH) && isSize(opW) && Number.isInteger(groups) && groups >= 1)) return null;
  if (opH >= Math.max(sH, dH) || opW >= Math.max(sW, dW)) return null;

  const batch = inShape[0];
  const cIn = inShape[1];
  const hIn = two ? inShape[2] : 1;
  const wIn = inShape[rank + 1];
  const cOutPerGroup = wShape[1];
  const kH = two ? wShape[2] : 1;
  const kW = wShape[rank + 1];
  if (!(isSize(batch) && isSize(cIn) && isSize(hIn) && isSize(wIn) && isSize(cOutPerGroup) && isSize(kH) && isSize(kW)))
    return null;
  if (wShape[0] !== cIn || cIn < groups || cIn % groups !== 0) return null;
  const cOut = cOutPerGroup * groups;
  if (biasLength !== null && biasLength !== cOut) return null;
  const hOut = transposedSize(hIn, sH, pH, dH, kH, opH);
  const wOut = transposedSize(wIn, sW, pW, dW, kW, opW);
  if (hOut <= 0 || wOut <= 0 || batch * cOut * hOut * wOut > MAX_TENSOR_ELEMENTS) return null;
  return { batch, cIn, hIn, wIn, cOut, cOutPerGroup, kH, kW, hOut, wOut, sH, sW, pH, pW, dH, dW, groups };
}

/** The dims of a call the full checks accepted: normalised params and the output shape they computed. */
export function dimsOf(
  inShape: readonly number[],
  wShape: readonly number[],
  outShape: readonly number[],
  p: ConvParams,
): ConvDims {
  const two = inShape.length === 4;
  const last = (xs: readonly number[]) => xs[xs.length - 1];
  return {
    batch: inShape[0],
    cIn: inShape[1],
    hIn: two ? inShape[2] : 1,
    wIn: last(inShape),
    cOut: outShape[1],
    cOutPerGroup: wShape[1],
    kH: two ? wShape[2] : 1,
    kW: last(wShape),
    hOut: two ? outShape[2] : 1,
    wOut: last(outShape),
    sH: two ? p.stride[0] : 1,
    sW: last(p.stride),
    pH: two ? p.padding[0] : 0,
    pW: last(p.padding),
    dH: two ? p.dilation[0] : 1,
    dW: last(p.dilation),
    groups: p.groups,
  };
}
