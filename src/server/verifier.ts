/**
 * Who runs a spec's verifications: they can take seconds (a DCGAN chain with every check), so the Node server runs
 * them in a worker thread (threadVerifier.ts), where cancelling stops them and typing keeps getting diagnostics
 * meanwhile. Elsewhere (the browser's Web Worker, tests) they run inline.
 */
import { verifyText } from '../specFile/verifySpec';
import { verificationForHost, type HostVerificationOutcome } from './verificationResult';

export interface VerifyJob {
  readonly text: string;
  readonly maxElements: number;
}

export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

export type Verifier = (job: VerifyJob, token?: Cancellation) => Promise<HostVerificationOutcome>;

export function runVerifyJob(job: VerifyJob): HostVerificationOutcome {
  return verificationForHost(verifyText(job.text, { maxElements: job.maxElements }), job.text);
}

export const inlineVerifier: Verifier = async (job) => runVerifyJob(job);
