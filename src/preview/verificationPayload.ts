/** Engine verification results as plain data; the host also uses toVerificationPayload for the Verify command's results. */
import type { VerificationResult } from '../engine';
import type {
  LayerVerificationPayload,
  VerificationPayload,
  VerificationResultPayload,
  VerificationStatus,
} from '../webviewProtocol';
import type { SpecVerification } from '../specFile/verifySpec';
import { nothingVerifiedText, verificationStatus } from '../specFile/verificationStatus';
import { layerIdOf } from './layerIds';

function detailsOf(result: VerificationResult): VerificationResultPayload['details'] {
  const out: Record<string, number | string | boolean | readonly number[]> = {};
  for (const [key, value] of Object.entries(result.details)) {
    if (typeof value === 'number') out[key] = Number.isFinite(value) ? value : String(value);
    else if (Array.isArray(value)) out[key] = value.map((v) => (Number.isFinite(v) ? v : 0));
    else out[key] = value;
  }
  return out;
}

function resultOf(result: VerificationResult): VerificationResultPayload {
  const status: VerificationStatus = result.notRun ? 'notRun' : result.passed ? 'passed' : 'failed';
  return {
    name: result.name,
    title: result.title,
    status,
    summary: result.summary,
    notRun: result.notRun ?? null,
    details: detailsOf(result),
  };
}

export function toVerificationPayload(
  verification: SpecVerification,
  source: VerificationPayload['source'],
  note: string | null = null,
): VerificationPayload {
  const layers: LayerVerificationPayload[] = verification.layers.map((l) => ({
    layerId: layerIdOf(l.layerIndex),
    layerName: l.layerName,
    results: l.results.map(resultOf),
    error: l.error ?? null,
  }));
  const { passed, failed, notRun } = verification.counts;
  // Failed only when a check that ran failed (or a layer could not be verified); nothing run is "not run", saying why.
  const state = verificationStatus(verification);
  const status: VerificationStatus = state === 'nothingVerified' ? 'notRun' : state;
  const shownNote = note ?? (state === 'nothingVerified' ? nothingVerifiedText(verification) : null);
  return { source, status, counts: { passed, failed, notRun }, layers, note: shownNote };
}

export function notVerifiedPayload(note: string): VerificationPayload {
  return { source: 'preview', status: 'notRun', counts: { passed: 0, failed: 0, notRun: 0 }, layers: [], note };
}
