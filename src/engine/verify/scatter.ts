import * as l10n from '@vscode/l10n';
import type { Tensor } from '../tensor';
import { comparisonDetails, comparisonSummary, notRunResult } from './compare';
import { prepareLayer, SAMPLED_ENTRIES, sampleIndices, shared, type LayerContext } from './layer';
import { broadcastPlanes, broadcastSum, geometryOf, type Geometry3d, type Product } from './matrixFree';
import { compareMatrixFree, fastNote, transposedTerms, type MatrixFreeComparison } from './matrixProducts';
import { compareWithinBound, float32Floor, float32Gamma, maxAbs, overflowReason, weightMaxAbs } from './precision';
import { verificationTitle, type TransposedConvLayer, type VerificationResult, type VerifyOptions } from './types';

/**
 * No longer caps of the check, which streams the broadcast steps instead of listing them (kept for callers that
 * size a picture of the steps themselves).
 */
export const DEFAULT_MAX_SCATTER_STEPS = 65_536;
export const DEFAULT_MAX_SCATTER_CANVAS_CELLS = 16_777_216;

function scatterSummary(compared: string, planes: number, steps: number): string {
  if (planes === 1) {
    return steps === 1
      ? l10n.t('{0} in 1 plane from 1 broadcast step', compared)
      : l10n.t('{0} in 1 plane from {1} broadcast steps', compared, steps);
  }
  return l10n.t('{0} in {1} planes from {2} broadcast steps', compared, planes, steps);
}

/**
 * (a) d2l's basic operation: every input element broadcast through the kernel (value·K[ci, co]) and added where
 * each tap lands, the padding crop applied as it lands, plus the bias, must equal the engine's convTranspose.
 * The contributions are streamed into the output (matrixFree.ts's broadcastSum): no step list and no canvas, so
 * it runs at any size, in a summation order of its own (plane by plane, element by element, tap by tap).
 * Bias is included on both sides.
 */
export function verifyScatter(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  const g = geometryOf(ctx);
  const batch = ctx.input.shape[0];
  const engine = shared(ctx, 'convTranspose(y) + b', () =>
    ctx.ops.convTranspose(ctx.input, ctx.weight, ctx.bias, ctx.params),
  );
  const bias = ctx.bias ? ctx.bias.data : null;
  const plane = g.outSize[0] * g.outSize[1] * g.outSize[2];
  // One more term per output: the bias, added to the streamed sum as d2l adds it to the picture.
  const terms = transposedTerms(g) + 1;
  const withBias = (p: Product, coFrom: number): Product => {
    for (let i = 0; bias && i < p.value.length; i++) {
      const b = bias[coFrom + Math.floor(i / plane)];
      p.value[i] += b;
      p.absolute[i] += Math.abs(b);
    }
    return p;
  };
  const result = ctx.fast
    ? sampledPlanes(ctx, g, engine, plane, terms, withBias)
    : compareMatrixFree(ctx, ctx.input, engine.data, (y) => withBias(broadcastSum(g, ctx.weight, y), 0));
  const overflow = overflowReason(ctx, result.magnitude);
  if (overflow) return notRunResult('scatter', verificationTitle('scatter'), overflow, { overflow: true });
  const planes = result.sample ? result.sample.compared : batch * g.cOut;
  // A broadcast step is one input element times one kernel slice: a plane takes one per input element of its group.
  const volumeIn = g.inSize[0] * g.inSize[1] * g.inSize[2];
  const steps = result.sample ? planes * g.cInPerGroup * volumeIn : ctx.input.data.length * g.cOutPerGroup;
  return {
    name: 'scatter',
    title: verificationTitle('scatter'),
    passed: result.cmp.passed,
    summary:
      scatterSummary(comparisonSummary(result.cmp, 'entries'), planes, steps) + fastNote(result.sample, 'planes'),
    details: {
      ...result.details,
      planes,
      steps,
      streamed: true,
      biasIncluded: true,
      liftedTo2d: ctx.rank === 1,
    },
  };
}

/**
 * Fast mode: whole planes (sample n, output channel co) of d2l's picture, a seeded sample of them holding at least
 * SAMPLED_ENTRIES entries (every plane when there are no more), each plane compared entry by entry with the
 * engine's, within the float32 bound.
 */
function sampledPlanes(
  ctx: LayerContext,
  g: Geometry3d,
  engine: Tensor,
  plane: number,
  terms: number,
  withBias: (p: Product, coFrom: number) => Product,
): MatrixFreeComparison {
  const batch = ctx.input.shape[0];
  const total = batch * g.cOut;
  const chosen = sampleIndices(total, Math.ceil(SAMPLED_ENTRIES / Math.max(1, plane)), ctx.seed + 7);
  const sizeAgrees = engine.data.length === total * plane;
  const actual = new Float64Array(chosen.length * plane);
  const absolute = new Float64Array(chosen.length * plane);
  const expected = new Float64Array(chosen.length * plane);
  for (const [k, i] of chosen.entries()) {
    const n = Math.floor(i / g.cOut);
    const co = i - n * g.cOut;
    const y = ctx.input.data.subarray(n * g.rows, (n + 1) * g.rows);
    const p = withBias(broadcastPlanes(g, ctx.weight, y, undefined, co, co + 1), co);
    actual.set(p.value, k * plane);
    absolute.set(p.absolute, k * plane);
    if (sizeAgrees) expected.set(engine.data.subarray(i * plane, (i + 1) * plane), k * plane);
    else expected.fill(NaN, k * plane, (k + 1) * plane);
  }
  const gamma = float32Gamma(terms);
  const cmp = compareWithinBound(actual, expected, absolute, ctx.rtol, gamma, float32Floor(terms, weightMaxAbs(ctx)));
  return {
    cmp,
    magnitude: maxAbs(absolute),
    sample: { compared: chosen.length, total },
    details: {
      ...comparisonDetails(cmp, ctx.rtol),
      samples: batch,
      sampledPlanes: chosen.length,
      sampled: chosen.length < total,
      sampleSeed: ctx.seed + 7,
      float32Gamma: gamma,
      termsPerEntry: terms,
    },
  };
}
