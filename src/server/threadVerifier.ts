/**
 * Verifications in worker threads, one run at a time, on up to two threads (both cores of a laptop). The spec is
 * evaluated once: by the CLI's main thread (runInput), or, for the language server, whose own thread must stay free
 * for diagnostics and hovers, by the lead thread (run), which then hands the evaluated layers to the others. The
 * layers' tensors travel in shared memory (sharedInput.ts), so no thread copies or computes them again. The threads
 * share the checks through a claim table (checkClaims.ts), each taking the next free check as it becomes free, so a
 * long check on one thread does not hold up the others; their parts are merged in order. A cancelled verification
 * (the Testing view's stop, a newer run) ends by terminating the threads, since a running computation cannot be
 * interrupted otherwise. Threads start on first use (or on `start()`) and after a cancel. Each check is reported as
 * it starts and finishes.
 */
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import type { VerificationInput } from '../specFile/verificationInput';
import {
  mergeVerifications,
  type SpecVerification,
  type VerificationOutcome,
  type VerifyProgressEvent,
} from '../specFile/verifySpec';
import { claimTable, layerMacs, threadsFor } from './checkClaims';
import type { HostVerificationOutcome } from './verificationResult';
import type { Cancellation, Verifier, VerifyJob } from './verifier';

/** `host`: what the editor receives (verificationForHost); `raw`: the engine's results as they are (the CLI). */
export type OutcomeForm = 'host' | 'raw';
export type RawOutcome = Omit<VerificationOutcome, 'plan'>;
type OutcomeOf<F extends OutcomeForm> = F extends 'host' ? HostVerificationOutcome : RawOutcome;

/** An evaluated run's input and the claim table of its checks, as every thread of the run receives them. */
export interface SharedRun {
  readonly input: VerificationInput;
  readonly table: SharedArrayBuffer;
  /** How many threads share the run. */
  readonly threads: number;
}

/** What the main thread posts to a verification thread. */
export type WorkerRequest =
  /**
   * Validate and evaluate `job.text`, post the evaluated input (`shared`) when the run takes more than one of the
   * `threads` (checkClaims.ts threadsFor), run the checks it claims as thread 0, and answer with the whole outcome
   * (diagnostics, plan, its part of the verification).
   */
  | { readonly id: number; readonly job: VerifyJob; readonly form: OutcomeForm; readonly threads: number }
  /** Run the checks this thread (the run's `thread`-th) claims from an evaluated input, and answer with its part. */
  | { readonly id: number; readonly run: SharedRun; readonly thread: number; readonly form: OutcomeForm };

/** What a verification thread posts back: each check as it starts and finishes, then its part, or why it failed. */
export type WorkerReply =
  | { readonly id: number; readonly progress: VerifyProgressEvent }
  | { readonly id: number; readonly shared: SharedRun }
  | { readonly id: number; readonly outcome: HostVerificationOutcome | RawOutcome }
  | { readonly id: number; readonly part: SpecVerification }
  | { readonly id: number; readonly error: string };

/**
 * V8 optimizes a hot function on a background thread by default, while the function keeps running unoptimized. A
 * verification thread is a fresh isolate running compute-heavy code it has never seen, and a run keeps both cores
 * busy with its two threads: the background compiles wait for a core, the checks run unoptimized meanwhile, and the
 * hand-over costs CPU of its own. Optimizing in the thread itself is faster here: `tconv verify` on the bundled
 * DCGAN example with every check took 1.57 → 1.33 s of CPU and 0.97 → 0.85 s wall (medians of 7, 2-core machine).
 * V8 reads the flag when an isolate starts: set before the threads start, it applies to them (and to isolates
 * started later in the process), not to the one already running.
 */
let threadsCompileInline = false;
function compileInThreads(): void {
  if (threadsCompileInline) return;
  setFlagsFromString('--no-concurrent-recompilation');
  threadsCompileInline = true;
}

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
  readonly form: OutcomeForm;
  /** A text run's outcome, from its lead thread. */
  outcome?: HostVerificationOutcome | RawOutcome;
  /** The `verify` list (an input run's; a text run's from its outcome). */
  names?: VerificationInput['names'];
  readonly parts: SpecVerification[];
  /** Answers still to come (a part or the outcome per thread that was given work). */
  waiting: number;
  readonly onProgress?: (event: VerifyProgressEvent) => void;
  readonly resolve: (done: { outcome?: HostVerificationOutcome | RawOutcome; verification?: SpecVerification }) => void;
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

  /** Starts the threads now (they load while the caller evaluates), instead of on the first run. */
  start(): void {
    this.slots.forEach((_, slot) => this.worker(slot));
  }

  /**
   * Validates, evaluates and verifies a spec text (the language server): the lead thread evaluates, the run's
   * threads share the checks. Runs after the runs before it; progress events in the order each thread sends them.
   */
  run<F extends OutcomeForm>(
    job: VerifyJob,
    form: F,
    token?: Cancellation,
    onProgress?: (event: VerifyProgressEvent) => void,
  ): Promise<OutcomeOf<F>> {
    const done = this.enqueue(form, token, onProgress, (id, workers) => {
      workers[0].postMessage({ id, job, form, threads: workers.length } satisfies WorkerRequest);
      return 1;
    });
    return done.then(({ outcome }) => outcome as OutcomeOf<F>);
  }

  /**
   * Verifies an input the caller evaluated (the CLI): every thread claims checks from the start. Its tensors should
   * be in shared memory (sharedInput), else each thread receives a copy.
   */
  runInput(
    input: VerificationInput,
    token?: Cancellation,
    onProgress?: (event: VerifyProgressEvent) => void,
  ): Promise<SpecVerification> {
    const done = this.enqueue('raw', token, onProgress, (id, workers, run) => {
      run.names = input.names;
      const used = workers.slice(0, threadsFor(layerMacs(input), workers.length));
      const table = claimTable(input.layers.length * input.names.length);
      this.share(id, used, { input, table, threads: used.length }, 0);
      return used.length;
    });
    return done.then(({ verification }) => verification as SpecVerification);
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
    compileInThreads();
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

  /** Posts an evaluated run to the threads from `from` on; thread i claims as the run's i-th. */
  private share(id: number, workers: readonly Worker[], run: SharedRun, from: number): void {
    const form = this.runs.get(id)?.form ?? 'raw';
    for (let thread = from; thread < workers.length; thread++)
      workers[thread].postMessage({ id, run, thread, form } satisfies WorkerRequest);
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
    if ('shared' in m) {
      // The lead evaluated the spec: the other threads join in.
      run.names = m.shared.input.names;
      run.waiting += run.workers.length - 1;
      return this.share(m.id, run.workers, m.shared, 1);
    }
    if ('outcome' in m) {
      run.outcome = m.outcome;
      run.names ??= m.outcome.verify;
      if (m.outcome.verification) run.parts.push(m.outcome.verification);
    } else run.parts.push(m.part);
    if (--run.waiting > 0) return;
    this.runs.delete(m.id);
    const verification =
      run.parts.length === 0
        ? undefined
        : run.parts.length === 1
          ? run.parts[0]
          : mergeVerifications(run.parts, run.names ?? []);
    const outcome = run.outcome && verification ? { ...run.outcome, verification } : run.outcome;
    run.resolve({ outcome, verification });
  }

  /**
   * Queues a run: when its turn comes, `post` gives the threads their work and answers how many of them will
   * answer (more may join: a text run's lead shares the evaluated input).
   */
  private enqueue(
    form: OutcomeForm,
    token: Cancellation | undefined,
    onProgress: ((event: VerifyProgressEvent) => void) | undefined,
    post: (id: number, workers: readonly Worker[], run: Run) => number,
  ): Promise<{ outcome?: HostVerificationOutcome | RawOutcome; verification?: SpecVerification }> {
    const result = this.queue.then(() => this.begin(form, token, onProgress, post));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private begin(
    form: OutcomeForm,
    token: Cancellation | undefined,
    onProgress: ((event: VerifyProgressEvent) => void) | undefined,
    post: (id: number, workers: readonly Worker[], run: Run) => number,
  ): Promise<{ outcome?: HostVerificationOutcome | RawOutcome; verification?: SpecVerification }> {
    return new Promise((resolve, reject) => {
      if (token?.isCancellationRequested) return reject(new CancelledError());
      const id = this.nextId++;
      const workers = this.slots.map((_, slot) => this.worker(slot));
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
      const run: Run = {
        workers,
        form,
        parts: [],
        waiting: 0,
        onProgress,
        resolve: (done) => (settle(), resolve(done)),
        reject: (e) => (settle(), reject(e)),
      };
      this.runs.set(id, run);
      for (const w of workers) w.ref();
      run.waiting = post(id, workers, run);
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
