/** The caps a preview payload is built with (see PreviewLimits in src/webviewProtocol.ts for what each one bounds). */
import type { PreviewLimits } from '../webviewProtocol';

export const DEFAULT_PREVIEW_LIMITS: PreviewLimits = {
  maxTensorElements: 4_096,
  maxStepValues: 16_384,
  maxMatrixNnz: 65_536,
  maxBlockCells: 16_384,
  maxSymbolicEntries: 4096,
  // Evaluation takes the engine's fast path (~4·10¹⁰ multiply-adds a second): 2^28 is a few ms, the DCGAN chain fits.
  maxMultiplyAdds: 268_435_456,
  // Verifications compare in float64 on the exact path (~5·10⁸ a second).
  maxVerificationMultiplyAdds: 4_000_000,
};

/** The defaults with the given overrides; a non-positive or non-integer override is ignored. */
export function resolveLimits(overrides: Partial<PreviewLimits> = {}): PreviewLimits {
  const limits: Record<keyof PreviewLimits, number> = { ...DEFAULT_PREVIEW_LIMITS };
  for (const key of Object.keys(limits) as (keyof PreviewLimits)[]) {
    const value = overrides[key];
    if (value !== undefined && Number.isSafeInteger(value) && value > 0) limits[key] = value;
  }
  return limits;
}
