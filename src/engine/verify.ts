/**
 * Verifications of one transposed-convolution layer: each check is its own function returning a
 * VerificationResult; verifyLayer runs a selection. All comparisons are in float64 with relative
 * tolerance 1e-9 (VerifyOptions.rtol). The layer must be valid (prepareLayer throws the PyTorch error).
 */
import { isEngineError } from './errors';
import { verifyAdjoint } from './verify/adjoint';
import { notRunResult } from './verify/compare';
import { verifyCost } from './verify/cost';
import { verifyGradient } from './verify/gradient';
import { prepareLayer } from './verify/layer';
import { verifyMatrix, verifyTranspose } from './verify/matrixProducts';
import { verifyReconstruction } from './verify/reconstruction';
import { verifyRoundTrip } from './verify/roundTrip';
import { verifyScatter } from './verify/scatter';
import {
  VERIFICATION_NAMES,
  verificationTitle,
  type DetailValue,
  type TransposedConvLayer,
  type VerificationName,
  type VerificationResult,
  type VerifyOptions,
} from './verify/types';

export * from './verify/types';
export { compareValues, type Comparison } from './verify/compare';
export { DEFAULT_RTOL } from './verify/layer';
export { DEFAULT_MAX_SCATTER_CANVAS_CELLS, DEFAULT_MAX_SCATTER_STEPS, verifyScatter } from './verify/scatter';
export { verifyMatrix, verifyTranspose } from './verify/matrixProducts';
export { verifyRoundTrip } from './verify/roundTrip';
export { verifyAdjoint } from './verify/adjoint';
export {
  FINITE_DIFFERENCE_SAMPLES,
  FINITE_DIFFERENCE_STEP,
  JACOBIAN_MAX_INPUTS,
  MAX_RECEPTIVE_WINDOW_CELLS,
  verifyGradient,
} from './verify/gradient';
export { verifyReconstruction } from './verify/reconstruction';
export { verifyCost } from './verify/cost';

function detailValues(details: Readonly<Record<string, unknown>>): Record<string, DetailValue> {
  const out: Record<string, DetailValue> = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') out[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) out[key] = value as number[];
  }
  return out;
}

type Check = (layer: TransposedConvLayer, options?: VerifyOptions) => VerificationResult;

export const VERIFICATIONS: Readonly<Record<VerificationName, Check>> = {
  scatter: verifyScatter,
  matrix: verifyMatrix,
  transpose: verifyTranspose,
  roundTrip: verifyRoundTrip,
  adjoint: verifyAdjoint,
  gradient: verifyGradient,
  reconstruction: verifyReconstruction,
  cost: verifyCost,
};

/**
 * Runs the named checks in the given order. Throws EngineError when the layer itself is invalid; a size
 * cap hit inside a check becomes notRun for that check instead of aborting the others.
 */
export function verifyLayer(
  layer: TransposedConvLayer,
  names: readonly VerificationName[] = VERIFICATION_NAMES,
  options: VerifyOptions = {},
): VerificationResult[] {
  prepareLayer(layer, options);
  return names.map((name) => {
    try {
      return VERIFICATIONS[name](layer, options);
    } catch (e) {
      if (isEngineError(e) && e.code === 'size-cap')
        return notRunResult(name, verificationTitle(name), e.message, detailValues(e.details));
      throw e;
    }
  });
}
