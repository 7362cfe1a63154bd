/** A worker thread of the Node language server that runs verifications (threadVerifier.ts sends the jobs). */
import * as l10n from '@vscode/l10n';
import { parentPort, workerData } from 'node:worker_threads';
import { runVerifyJob, type VerifyJob } from './verifier';

const bundle = (workerData as { l10nBundle?: Record<string, string> } | undefined)?.l10nBundle;
if (bundle) l10n.config({ contents: { ...bundle } });

parentPort?.on('message', ({ id, job }: { id: number; job: VerifyJob }) => {
  try {
    parentPort?.postMessage({ id, outcome: runVerifyJob(job) });
  } catch (e) {
    parentPort?.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
