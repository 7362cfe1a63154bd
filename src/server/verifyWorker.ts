/**
 * A verification thread of the Node language server and the CLI (threadVerifier.ts sends the runs): validates and
 * evaluates the spec, runs the checks it claims from the run's shared counter (all of them when it runs alone),
 * and posts each check as it starts and finishes, then its part of the result.
 */
import * as l10n from '@vscode/l10n';
import { parentPort, workerData } from 'node:worker_threads';
import { verifyText, type VerifyProgressEvent } from '../specFile/verifySpec';
import type { RawOutcome, WorkerReply, WorkerRequest } from './threadVerifier';
import { jsonSafeResult, verificationForHost } from './verificationResult';
import { hostProgressEvent } from './verifier';

const bundle = (workerData as { l10nBundle?: Record<string, string> } | undefined)?.l10nBundle;
if (bundle) l10n.config({ contents: { ...bundle } });

const post = (reply: WorkerReply) => parentPort?.postMessage(reply);

/** Claims checks in order from the shared counter: answers whether check `index` is this thread's. */
function claimer(buffer: SharedArrayBuffer): (index: number) => boolean {
  const counter = new Int32Array(buffer);
  const claim = () => Atomics.add(counter, 0, 1);
  let next = claim();
  return (index) => {
    // A claimed check never asked about belongs to a layer that cannot be verified: nobody runs it.
    while (next < index) next = claim();
    if (next !== index) return false;
    next = claim();
    return true;
  };
}

parentPort?.on('message', ({ id, job, form, lead, counter }: WorkerRequest) => {
  try {
    const host = form === 'host';
    const outcome = verifyText(job.text, {
      memoryBudget: job.memoryBudget,
      onProgress: (e: VerifyProgressEvent) => post({ id, progress: host ? hostProgressEvent(e) : e }),
      ...(counter ? { select: claimer(counter) } : {}),
    });
    if (lead) {
      const { plan: _plan, ...raw } = outcome;
      post({ id, outcome: host ? verificationForHost(outcome, job.text) : (raw satisfies RawOutcome) });
    } else {
      const part = outcome.verification;
      post({
        id,
        part:
          part && host
            ? { ...part, layers: part.layers.map((l) => ({ ...l, results: l.results.map(jsonSafeResult) })) }
            : part,
      });
    }
  } catch (e) {
    post({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
