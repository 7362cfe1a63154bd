/**
 * Which planes a (sample, output channel, depth slice) selection shows of a layer without a weight. Pool, upsample,
 * pad and crop work channel by channel: output channel c comes from input channel c. An add sums channel c of both
 * inputs. A concat's output channels are the input's, then the skip's: channel c is the input's c below C_in, the
 * skip's c − C_in from there; the other input shows its nearest channel (the last, or the first). No runtime
 * imports: the webview uses it too.
 */
import type { OpLayerKind } from '../webviewProtocol';

export interface OpGeometry {
  readonly op: OpLayerKind;
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  readonly skipShape: readonly number[] | null;
  /** 3-D pad/crop: output depth slice d shows input slice d − depthShift. */
  readonly depthShift: number;
}

export interface OpPlaneChoice {
  /** Plane indices, as TensorPayload numbers them: (n·C + c), times D plus the slice in 3-D. */
  readonly input: number;
  readonly skip: number | null;
  readonly output: number;
  /** Leading indices of each plane, for labels: [n, c] or [n, c, d]. */
  readonly inputLead: readonly number[];
  readonly skipLead: readonly number[] | null;
  readonly outputLead: readonly number[];
  /** Which input the output channel comes from: a concat's input or skip, else both ('input' for one input). */
  readonly source: 'input' | 'skip' | 'both';
}

const clamp = (v: number, n: number) => Math.max(0, Math.min(v, n - 1));

/** Input depth slice for output slice d: shifted (pad, crop, concat, add), or in proportion (pool, upsample). */
function inputDepth(g: OpGeometry, d: number): number {
  const dIn = g.inputShape[2];
  const dOut = g.outputShape[2];
  if (g.op === 'maxPool' || g.op === 'avgPool' || g.op === 'upsample')
    return clamp(Math.floor((d * dIn) / Math.max(dOut, 1)), dIn);
  return clamp(d - g.depthShift, dIn);
}

export function opPlaneChoice(g: OpGeometry, batch: number, outChannel: number, depth = 0): OpPlaneChoice {
  const cIn = g.inputShape[1];
  const cOut = g.outputShape[1];
  const cSkip = g.skipShape ? g.skipShape[1] : 0;
  const c = clamp(outChannel, cOut);
  const fromSkip = g.op === 'concat' && c >= cIn;
  const inputChannel = g.op === 'concat' ? Math.min(c, cIn - 1) : c;
  const skipChannel = g.op === 'concat' ? clamp(c - cIn, cSkip) : clamp(c, cSkip);
  const source = g.op === 'concat' ? (fromSkip ? 'skip' : 'input') : g.op === 'add' ? 'both' : 'input';
  const hasSkip = g.skipShape !== null;
  if (g.outputShape.length !== 5)
    return {
      input: batch * cIn + inputChannel,
      skip: hasSkip ? batch * cSkip + skipChannel : null,
      output: batch * cOut + c,
      inputLead: [batch, inputChannel],
      skipLead: hasSkip ? [batch, skipChannel] : null,
      outputLead: [batch, c],
      source,
    };
  const dOut = clamp(depth, g.outputShape[2]);
  const dIn = inputDepth(g, dOut);
  // concat and add join tensors of the same depth as their output.
  const dSkip = g.skipShape ? clamp(dOut, g.skipShape[2]) : 0;
  return {
    input: (batch * cIn + inputChannel) * g.inputShape[2] + dIn,
    skip: g.skipShape ? (batch * cSkip + skipChannel) * g.skipShape[2] + dSkip : null,
    output: (batch * cOut + c) * g.outputShape[2] + dOut,
    inputLead: [batch, inputChannel, dIn],
    skipLead: hasSkip ? [batch, skipChannel, dSkip] : null,
    outputLead: [batch, c, dOut],
    source,
  };
}
