import * as l10n from '@vscode/l10n';
import { isEngineError } from '../errors';
import { generate } from '../init';
import { formatShape, sameShape, type Tensor } from '../tensor';
import { fmt } from './compare';
import { prepareLayer } from './layer';
import { verificationTitle, type TransposedConvLayer, type VerificationResult, type VerifyOptions } from './types';

/** Z's values are listed in the details up to this many elements. */
const MAX_LISTED = 256;

/**
 * (g) d2l §14.10 exercise 1: conv and convTranspose with the same kernel (no bias) are not inverses.
 * Passed iff Z has X's shape; whether the values agree is reported, not required (they generally don't).
 * X defaults to arange over the layer's output shape, as d2l uses arange(9) for its 3×3 example.
 */
export function verifyReconstruction(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  const given = options.reconstructionInput;
  const batch = (given ? given.shape : ctx.outputShape)[0];
  // On the fast path a batch is computed for its first sample only: the samples are independent, so Z's shape and
  // values for the others tell nothing new, and a batch of 64 would cost two more passes of the layer.
  const oneSample = ctx.fast && batch > 1;
  const X = oneSample
    ? given
      ? { shape: [1, ...given.shape.slice(1)], data: given.data.slice(0, given.data.length / batch) }
      : generate([1, ...ctx.outputShape.slice(1)], { init: 'arange' })
    : (given ?? generate(ctx.outputShape, { init: 'arange' }));
  /** A one-sample shape shown with the layer's batch. */
  const shown = (shape: readonly number[]) =>
    formatShape(oneSample && shape[0] === 1 ? [batch, ...shape.slice(1)] : shape);
  const note = oneSample ? l10n.t(' (computed for sample 1 of {0}: the samples are independent)', batch) : '';
  let Z: Tensor;
  try {
    Z = ctx.ops.convTranspose(ctx.ops.conv(X, ctx.weight, null, ctx.forward), ctx.weight, null, ctx.params);
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return {
      name: 'reconstruction',
      title: verificationTitle('reconstruction'),
      passed: false,
      summary: l10n.t('Z cannot be computed: {0}', e.message),
      details: { xShape: [...X.shape], error: e.message },
    };
  }
  const shapeEqual = sameShape(Z.shape, X.shape);
  let maxAbsDiff = Infinity;
  if (shapeEqual) {
    maxAbsDiff = 0;
    for (let i = 0; i < X.data.length; i++) {
      // Values that overflow give Infinity − Infinity = NaN: an unbounded difference, not "NaN" in the summary.
      const diff = Math.abs(Z.data[i] - X.data[i]);
      maxAbsDiff = Number.isNaN(diff) ? Infinity : Math.max(maxAbsDiff, diff);
    }
  }
  const valuesEqual = maxAbsDiff === 0;
  const details: VerificationResult['details'] = {
    xShape: [...X.shape],
    zShape: [...Z.shape],
    shapeEqual,
    valuesEqual,
    maxAbsDiff,
    biasIncluded: false,
    samplesComputed: oneSample ? 1 : batch,
  };
  if (Z.data.length <= MAX_LISTED) details.z = Array.from(Z.data);
  return {
    name: 'reconstruction',
    title: verificationTitle('reconstruction'),
    passed: shapeEqual,
    summary:
      (!shapeEqual
        ? l10n.t('Z is {0}, X is {1}', shown(Z.shape), shown(X.shape))
        : valuesEqual
          ? l10n.t("Z has X's shape {0}; values equal X", shown(X.shape))
          : l10n.t("Z has X's shape {0}; values differ: max |Z − X| = {1}", shown(X.shape), fmt(maxAbsDiff))) + note,
    details,
  };
}
