/**
 * Verifications in worker threads, one run at a time, on up to two threads (both cores of a laptop): each thread
 * validates and evaluates the spec, then the threads share its checks, each claiming the next one from a counter in
 * shared memory as it becomes free (verifySpec's `select`), so a long check on one thread does not hold up the
 * others; their parts are merged in order. The server's own thread stays free for diagnostics and hovers, and a
 * cancelled verification (the Testing view's stop, a newer run) ends by terminating the threads, since a running
 * computation cannot be interrupted otherwise. Threads start on first use and after a cancel. Each finished check
 * is reported as it happens. The CLI runs its verifications here too, in their raw form.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  mergeVerifications,
  type SpecVerification,
  type VerificationOutcome,
  type VerifyProgressEvent,
} from '../specFile/verifySpec';
import type { HostVerificationOutcome } from './verificationResult';
import type { Cancellation, Verifier, VerifyJob } from './verifier';

/** `host`: what the editor receives (verificationForHost); `raw`: the engine's results as they are (the CLI). */
export type OutcomeForm = 'host' | 'raw';
export type RawOutcome = Omit<VerificationOutcome, 'plan'>;
type OutcomeOf<F extends OutcomeForm> = F extends 'host' ? HostVerificationOutcome : RawOutcome;

/** What the server thread posts to a verification thread. */
export interface WorkerRequest {
  readonly id: number;
  readonly job: VerifyJob;
  readonly form: OutcomeForm;
  /** The thread that answers with the whole outcome (diagnostics, plan); the others answer with their checks only. */
  readonly lead: boolean;
  /** The next unclaimed check (Int32Array of one), shared by the run's threads; absent when one thread runs it all. */
  readonly counter?: SharedArrayBuffer;
}

/** What a verification thread posts back: each check as it starts and finishes, then its part, or why it failed. */
export type WorkerReply =
  | { readonly id: number; readonly progress: VerifyProgressEvent }
  | { readonly id: number; readonly outcome: HostVerificationOutcome | RawOutcome }
  | { readonly id: number; readonly part: SpecVerification | undefined }
  | { readonly id: number; readonly error: string };

export class CancelledError extends Error {
  constructor() {
    super('verification cancelled');
    this.name = 'CancelledError';
  }
}

export interface ThreadOptions {
  /** Threads a run uses (default: 2, or 1 on a one-core machine). */
  readonly threads?: number;
}

interface Run {
  readonly workers: readonly Worker[];
  readonly lead: Worker;
  outcome?: HostVerificationOutcome | RawOutcome;
  readonly parts: (SpecVerification | undefined)[];
  waiting: number;
  readonly onProgress?: (event: VerifyProgressEvent) => void;
  readonly resolve: (outcome: HostVerificationOutcome | RawOutcome) => void;
  readonly reject: (error: Error) => void;
}

export class VerificationThreads {
  private readonly slots: (Worker | undefined)[];
  private nextId = 1;
  private readonly runs = new Map<number, Run>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly script: string,
    private readonly l10nBundle: () => Readonly<Record<string, string>> | undefined,
    options: ThreadOptions = {},
  ) {
    const threads = options.threads ?? Math.min(2, availableParallelism());
    this.slots = Array.from({ length: Math.max(1, Math.floor(threads)) }, () => undefined);
  }

  /** Runs `job` after the runs before it; progress events in the order each thread sends them. */
  run<F extends OutcomeForm>(
    job: VerifyJob,
    form: F,
    token?: Cancellation,
    onProgress?: (event: VerifyProgressEvent) => void,
  ): Promise<OutcomeOf<F>> {
    const result = this.queue.then(() => this.start(job, form, token, onProgress));
    this.queue = result.catch(() => undefined);
    return result as Promise<OutcomeOf<F>>;
  }

  /** Ends every thread (a run in progress fails). */
  async dispose(): Promise<void> {
    const workers = this.slots.filter((w): w is Worker => w !== undefined);
    this.slots.fill(undefined);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private worker(slot: number): Worker {
    const existing = this.slots[slot];
    if (existing) return existing;
    const w = new Worker(this.script, { workerData: { l10nBundle: this.l10nBundle() } });
    w.on('message', (m: WorkerReply) => this.receive(w, m));
    w.on('error', (e) => this.failRunsOf(w, e));
    w.on('exit', (code) => {
      const at = this.slots.indexOf(w);
      if (at >= 0) this.slots[at] = undefined;
      this.failRunsOf(w, new Error(`the verification thread stopped (exit code ${code})`));
    });
    // Only a running verification keeps the process alive, not an idle thread (after the listeners: adding a
    // 'message' listener refs the worker again).
    w.unref();
    this.slots[slot] = w;
    return w;
  }

  private failRunsOf(w: Worker, error: Error): void {
    for (const [id, run] of this.runs) {
      if (!run.workers.includes(w)) continue;
      this.runs.delete(id);
      run.reject(error);
    }
  }

  private receive(w: Worker, m: WorkerReply): void {
    const run = this.runs.get(m.id);
    if (!run) return;
    if ('progress' in m) return run.onProgress?.(m.progress);
    if ('error' in m) {
      this.runs.delete(m.id);
      return run.reject(new Error(m.error));
    }
    if ('outcome' in m) run.outcome = m.outcome;
    else run.parts[run.workers.indexOf(w)] = m.part;
    if (--run.waiting > 0) return;
    this.runs.delete(m.id);
    const outcome = run.outcome as HostVerificationOutcome | RawOutcome;
    const lead = outcome.verification;
    if (!lead || run.workers.length === 1) return run.resolve(outcome);
    const parts = [lead, ...run.parts.filter((p): p is SpecVerification => p !== undefined)];
    const merged = mergeVerifications(parts, outcome.verify ?? []);
    run.resolve({ ...outcome, verification: merged });
  }

  private start(
    job: VerifyJob,
    form: OutcomeForm,
    token?: Cancellation,
    onProgress?: (event: VerifyProgressEvent) => void,
  ): Promise<HostVerificationOutcome | RawOutcome> {
    return new Promise((resolve, reject) => {
      if (token?.isCancellationRequested) return reject(new CancelledError());
      const id = this.nextId++;
      const workers = this.slots.map((_, slot) => this.worker(slot));
      const counter = workers.length > 1 ? new SharedArrayBuffer(4) : undefined;
      const settle = () => {
        subscription?.dispose();
        for (const w of workers) w.unref();
      };
      const subscription = token?.onCancellationRequested(() => {
        if (!this.runs.has(id)) return;
        this.runs.delete(id);
        settle();
        reject(new CancelledError());
        for (const w of workers) {
          const at = this.slots.indexOf(w);
          if (at >= 0) this.slots[at] = undefined;
          void w.terminate();
        }
      });
      this.runs.set(id, {
        workers,
        lead: workers[0],
        parts: [],
        waiting: workers.length,
        onProgress,
        resolve: (o) => (settle(), resolve(o)),
        reject: (e) => (settle(), reject(e)),
      });
      workers.forEach((w, i) => {
        w.ref();
        const request: WorkerRequest = { id, job, form, lead: i === 0, ...(counter ? { counter } : {}) };
        w.postMessage(request);
      });
    });
  }
}

/** The language server's verifier: host outcomes from the threads. */
export function threadVerifier(
  script: string,
  l10nBundle: () => Readonly<Record<string, string>> | undefined,
  options: ThreadOptions = {},
): Verifier {
  const threads = new VerificationThreads(script, l10nBundle, options);
  return (job, token, onProgress) => threads.run(job, 'host', token, onProgress);
}
