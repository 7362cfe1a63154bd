/**
 * Who runs a spec's verifications: they can take seconds (a DCGAN chain with every check), so the Node server runs
 * them in worker threads (threadVerifier.ts), where cancelling stops them and typing keeps getting diagnostics
 * meanwhile. Elsewhere (the browser's Web Worker, tests) they run inline. Either way each check is reported as it
 * starts and finishes.
 */
import { verifyText, verifyTextSteps, type VerifyProgressEvent } from '../specFile/verifySpec';
import { jsonSafeResult, verificationForHost, type HostVerificationOutcome } from './verificationResult';

export interface VerifyJob {
  readonly text: string;
  /** The memory budget the spec is validated with, in bytes (validateSpec's default when absent). */
  readonly memoryBudget?: number;
}

export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/** A progress event as the host receives it: a finished check's numbers are JSON-safe (see verificationResult.ts). */
export function hostProgressEvent(event: VerifyProgressEvent): VerifyProgressEvent {
  return event.kind === 'finish' ? { ...event, result: jsonSafeResult(event.result) } : event;
}

export type Verifier = (
  job: VerifyJob,
  token?: Cancellation,
  onProgress?: (event: VerifyProgressEvent) => void,
) => Promise<HostVerificationOutcome>;

export function runVerifyJob(
  job: VerifyJob,
  onProgress?: (event: VerifyProgressEvent) => void,
): HostVerificationOutcome {
  const outcome = verifyText(job.text, {
    memoryBudget: job.memoryBudget,
    onProgress: onProgress && ((e) => onProgress(hostProgressEvent(e))),
  });
  return verificationForHost(outcome, job.text);
}

/** Lets the thread's other work in (messages, a cancellation) between two steps. */
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Inline (the browser's Web Worker server, tests): the run pauses after each check, so the progress reaches the
 * client as it happens and a cancellation is seen before the next check (one running check cannot be interrupted).
 */
export const inlineVerifier: Verifier = async (job, token, onProgress) => {
  const steps = verifyTextSteps(job.text, {
    memoryBudget: job.memoryBudget,
    onProgress: onProgress && ((e) => onProgress(hostProgressEvent(e))),
    isCancelled: () => token?.isCancellationRequested === true,
  });
  for (;;) {
    const step = steps.next();
    if (step.done) return verificationForHost(step.value, job.text);
    await pause();
  }
};
