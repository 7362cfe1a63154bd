/** Reading planes out of a TensorPayload, and naming their cells. */
import type { LayerPayload, TensorPayload } from '../../src/webviewProtocol';
import { depthSlices } from '../../src/preview/depthSlices';
import { indexText } from './format';

export interface Plane {
  readonly rows: number;
  readonly cols: number;
  readonly values: readonly number[];
  /** A pooled plane (TensorPayload.pooled): each value stands for factor × factor entries; absent when sent whole. */
  readonly factor?: number;
}

/** The plane's values (pooled as sent), or null when the payload did not send it. */
export function planeOf(t: TensorPayload, plane: number): Plane | null {
  const [rows, cols] = t.pooled ? [t.pooled.rows, t.pooled.cols] : t.planeShape;
  const offset = plane - t.firstPlane;
  if (offset < 0 || offset >= t.sentPlanes) return null;
  const size = rows * cols;
  const values = t.data.slice(offset * size, (offset + 1) * size);
  return t.pooled ? { rows, cols, values, factor: t.pooled.factor } : { rows, cols, values };
}

export function maxAbsOf(t: TensorPayload): number {
  return Math.max(Math.abs(t.min), Math.abs(t.max));
}

/** Index of a cell in a tensor whose leading indices are `lead`: [n, c, i, j] or [n, c, j] for 1-D. */
export function cellIndex(t: TensorPayload, lead: readonly number[], row: number, col: number): string {
  const spatial = t.shape.length - lead.length;
  return indexText(spatial === 1 ? [...lead, col] : [...lead, row, col]);
}

export interface PlaneChoice {
  readonly input: number;
  readonly weight: number;
  readonly output: number;
  /** Leading indices of each plane, for labels. */
  readonly inputLead: readonly number[];
  readonly weightLead: readonly number[];
  readonly outputLead: readonly number[];
}

/**
 * The planes a (sample, in channel, out channel) selection shows, in each tensor's own layout. A 3-D tensor is sent
 * as one plane per depth slice, plane (n·C + c)·D + d: the output shows slice `depth`, the input and the kernel the
 * slices that reach it (depthSlices), and each lead ends with its slice.
 */
export function planeChoice(
  layer: LayerPayload,
  batch: number,
  inChannel: number,
  outChannel: number,
  depth = 0,
): PlaneChoice {
  const cIn = layer.inputShape[1];
  const cOut = layer.outputShape[1];
  const second = layer.weightShape[1];
  const transposed = layer.kind === 'convTranspose';
  const [w0, w1] = transposed ? [inChannel, outChannel % second] : [outChannel, inChannel % second];
  const choice = {
    input: batch * cIn + inChannel,
    weight: w0 * second + w1,
    output: batch * cOut + outChannel,
    inputLead: [batch, inChannel],
    weightLead: [w0, w1],
    outputLead: [batch, outChannel],
  };
  if (layer.inputShape.length !== 5) return choice;
  const d = depthSlices(
    {
      transposed,
      input: layer.inputShape[2],
      kernel: layer.weightShape[2],
      output: layer.outputShape[2],
      stride: layer.params.stride[0],
      padding: layer.params.padding[0],
      dilation: layer.params.dilation[0],
    },
    depth,
  );
  return {
    input: choice.input * layer.inputShape[2] + d.input,
    weight: choice.weight * layer.weightShape[2] + d.kernel,
    output: choice.output * layer.outputShape[2] + d.output,
    inputLead: [...choice.inputLead, d.input],
    weightLead: [...choice.weightLead, d.kernel],
    outputLead: [...choice.outputLead, d.output],
  };
}

/** Whether the kernel plane (in, out) exists: channels in different groups do not meet. */
export function sameGroup(layer: LayerPayload, inChannel: number, outChannel: number): boolean {
  const g = layer.params.groups;
  return Math.floor(inChannel / (layer.inputShape[1] / g)) === Math.floor(outChannel / (layer.outputShape[1] / g));
}
