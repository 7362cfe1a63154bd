/**
 * Verifications in a worker thread, one at a time: the server's own thread stays free for diagnostics and hovers,
 * and a cancelled verification (the Testing view's stop, a newer run) ends by terminating the thread, since a
 * running computation cannot be interrupted otherwise. The thread is started on first use and after a cancel.
 */
import { Worker } from 'node:worker_threads';
import type { HostVerificationOutcome } from './verificationResult';
import type { Cancellation, Verifier, VerifyJob } from './verifier';

interface Pending {
  readonly worker: Worker;
  readonly resolve: (outcome: HostVerificationOutcome) => void;
  readonly reject: (error: Error) => void;
}

export class CancelledError extends Error {
  constructor() {
    super('verification cancelled');
    this.name = 'CancelledError';
  }
}

export function threadVerifier(script: string, l10nBundle: () => Record<string, string> | undefined): Verifier {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();
  let queue: Promise<unknown> = Promise.resolve();

  /** Fails the jobs sent to `w` (not those of a thread started after it). */
  const failAll = (w: Worker, error: Error) => {
    for (const [id, p] of pending) {
      if (p.worker !== w) continue;
      pending.delete(id);
      p.reject(error);
    }
  };
  const start = (): Worker => {
    const w = new Worker(script, { workerData: { l10nBundle: l10nBundle() } });
    w.on('message', (m: { id: number; outcome?: HostVerificationOutcome; error?: string }) => {
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (m.outcome) p?.resolve(m.outcome);
      else p?.reject(new Error(m.error ?? 'the verification failed'));
    });
    w.on('error', (e) => failAll(w, e));
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(w, new Error(`the verification thread stopped (exit code ${code})`));
    });
    // Only a running verification keeps the process alive, not an idle thread (after the listeners: adding a
    // 'message' listener refs the worker again).
    w.unref();
    return w;
  };

  const run = (job: VerifyJob, token?: Cancellation) =>
    new Promise<HostVerificationOutcome>((resolve, reject) => {
      if (token?.isCancellationRequested) return reject(new CancelledError());
      const id = nextId++;
      const current = (worker ??= start());
      const subscription = token?.onCancellationRequested(() => {
        if (!pending.has(id)) return;
        pending.delete(id);
        reject(new CancelledError());
        if (worker === current) worker = undefined;
        void current.terminate();
      });
      current.ref();
      const settle = () => {
        subscription?.dispose();
        if (![...pending.values()].some((p) => p.worker === current)) current.unref();
      };
      pending.set(id, {
        worker: current,
        resolve: (o) => (settle(), resolve(o)),
        reject: (e) => (settle(), reject(e)),
      });
      current.postMessage({ id, job });
    });

  return (job, token) => {
    const result = queue.then(() => run(job, token));
    queue = result.catch(() => undefined);
    return result;
  };
}
