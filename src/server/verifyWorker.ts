/**
 * A verification thread of the Node language server and the CLI (threadVerifier.ts sends the runs). As a run's lead
 * on a spec text: validates and evaluates it, posts the evaluated layers (in shared memory) for the other threads,
 * then runs its share of the checks. Given an evaluated run: runs its share. Its share is the checks it claims from
 * the run's table (checkClaims.ts); it posts each check as it starts and finishes, then its part of the result.
 */
import * as l10n from '@vscode/l10n';
import { parentPort, workerData } from 'node:worker_threads';
import { drain, prepareText, verifyInputSteps, type SpecVerification } from '../specFile/verifySpec';
import { claimer, claimOrder, claimTable, layerMacs, threadsFor } from './checkClaims';
import { sharedInput } from './sharedInput';
import type { RawOutcome, SharedRun, WorkerReply, WorkerRequest } from './threadVerifier';
import { jsonSafeResult, verificationForHost } from './verificationResult';
import { hostProgressEvent } from './verifier';

const bundle = (workerData as { l10nBundle?: Record<string, string> } | undefined)?.l10nBundle;
if (bundle) l10n.config({ contents: { ...bundle } });

const post = (reply: WorkerReply) => parentPort?.postMessage(reply);

/** The checks thread `thread` claims from the run's table, run one after the other. */
function runShare(id: number, { input, table, threads }: SharedRun, thread: number, host: boolean): SpecVerification {
  return drain(
    verifyInputSteps(input, {
      onProgress: (e) => post({ id, progress: host ? hostProgressEvent(e) : e }),
      claim: claimer(table, claimOrder(layerMacs(input), input.names, thread, threads)),
    }),
  );
}

/** A run's lead: the spec's outcome, with its share of the checks when it could be evaluated. */
function lead(request: Extract<WorkerRequest, { job: unknown }>): void {
  const { id, job, form, threads } = request;
  const { outcome, input } = prepareText(job.text, { memoryBudget: job.memoryBudget });
  let verification: SpecVerification | undefined;
  if (input) {
    const used = threadsFor(layerMacs(input), threads);
    const run: SharedRun = {
      input: used > 1 ? sharedInput(input) : input,
      table: claimTable(input.layers.length * input.names.length),
      threads: used,
    };
    if (used > 1) post({ id, shared: run });
    verification = runShare(id, run, 0, form === 'host');
  }
  const whole = { ...outcome, ...(verification ? { verification } : {}) };
  const { plan: _plan, ...raw } = whole;
  post({ id, outcome: form === 'host' ? verificationForHost(whole, job.text) : (raw satisfies RawOutcome) });
}

/** A part as the host receives it: JSON-safe numbers (see verificationResult.ts). */
function hostPart(part: SpecVerification): SpecVerification {
  return { ...part, layers: part.layers.map((l) => ({ ...l, results: l.results.map(jsonSafeResult) })) };
}

parentPort?.on('message', (request: WorkerRequest) => {
  try {
    if ('job' in request) return lead(request);
    const part = runShare(request.id, request.run, request.thread, request.form === 'host');
    post({ id: request.id, part: request.form === 'host' ? hostPart(part) : part });
  } catch (e) {
    post({ id: request.id, error: e instanceof Error ? e.message : String(e) });
  }
});
