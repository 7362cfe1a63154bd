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
  const X = options.reconstructionInput ?? generate(ctx.outputShape, { init: 'arange' });
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
  };
  if (Z.data.length <= MAX_LISTED) details.z = Array.from(Z.data);
  return {
    name: 'reconstruction',
    title: verificationTitle('reconstruction'),
    passed: shapeEqual,
    summary: !shapeEqual
      ? l10n.t('Z is {0}, X is {1}', formatShape(Z.shape), formatShape(X.shape))
      : valuesEqual
        ? l10n.t("Z has X's shape {0}; values equal X", formatShape(X.shape))
        : l10n.t("Z has X's shape {0}; values differ: max |Z − X| = {1}", formatShape(X.shape), fmt(maxAbsDiff)),
    details,
  };
}
