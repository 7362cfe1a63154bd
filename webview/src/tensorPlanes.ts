/** Reading planes out of a TensorPayload, and naming their cells. */
import type { LayerPayload, TensorPayload } from '../../src/webviewProtocol';
import { indexText } from './format';

export interface Plane {
  readonly rows: number;
  readonly cols: number;
  readonly values: readonly number[];
}

/** The plane's values, or null when the payload did not send it. */
export function planeOf(t: TensorPayload, plane: number): Plane | null {
  const [rows, cols] = t.planeShape;
  const offset = plane - t.firstPlane;
  if (offset < 0 || offset >= t.sentPlanes) return null;
  const size = rows * cols;
  return { rows, cols, values: t.data.slice(offset * size, (offset + 1) * size) };
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

/** The planes a (sample, in channel, out channel) selection shows, in each tensor's own layout. */
export function planeChoice(layer: LayerPayload, batch: number, inChannel: number, outChannel: number): PlaneChoice {
  const cIn = layer.inputShape[1];
  const cOut = layer.outputShape[1];
  const second = layer.weightShape[1];
  const transposed = layer.kind === 'convTranspose';
  const [w0, w1] = transposed ? [inChannel, outChannel % second] : [outChannel, inChannel % second];
  return {
    input: batch * cIn + inChannel,
    weight: w0 * second + w1,
    output: batch * cOut + outChannel,
    inputLead: [batch, inChannel],
    weightLead: [w0, w1],
    outputLead: [batch, outChannel],
  };
}

/** Whether the kernel plane (in, out) exists: channels in different groups do not meet. */
export function sameGroup(layer: LayerPayload, inChannel: number, outChannel: number): boolean {
  const g = layer.params.groups;
  return Math.floor(inChannel / (layer.inputShape[1] / g)) === Math.floor(outChannel / (layer.outputShape[1] / g));
}
