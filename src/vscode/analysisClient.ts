/**
 * Sends spec texts to the analysis worker, one request at a time. A queued request for a document is dropped
 * when a newer one for the same document arrives; a request that keeps the worker busy longer than
 * `cancelAfterMs` while a newer one waits is cancelled by restarting the worker. The host never computes.
 */
import * as l10n from '@vscode/l10n';
import type { Analysis, AnalysisOptions, PreviewBuildOptions, PreviewBuildResult, VerificationOutcome } from '../analysis/analyze';
import type { AnalysisRequest, AnalysisResponse, WorkerRequest } from '../analysis/protocol';

export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  onMessage(listener: (message: AnalysisResponse) => void): void;
  /** The worker died (threw outside a request, ran out of memory…). */
  onFailure(listener: (error: Error) => void): void;
  terminate(): void;
}

export type WorkerFactory = () => WorkerLike;

/** Rejection reason of a request that a newer one for the same document replaced. */
export class SupersededError extends Error {
  constructor() {
    super('superseded by a newer request');
    this.name = 'SupersededError';
  }
}

type Kind = AnalysisRequest['kind'];
type Result = Analysis | VerificationOutcome | PreviewBuildResult;
type ResultOf<K extends Kind> = K extends 'analyze' ? Analysis : K extends 'verify' ? VerificationOutcome : PreviewBuildResult;

interface Job {
  readonly kind: Kind;
  readonly key: string;
  readonly text: string;
  readonly options: AnalysisOptions | PreviewBuildOptions;
  readonly resolve: (value: Result) => void;
  readonly reject: (reason: Error) => void;
}

interface InFlight extends Job {
  readonly id: number;
  readonly startedAt: number;
}

export interface AnalysisClientOptions {
  /** How long an outdated request may run once a newer one for the same document waits (ms). */
  readonly cancelAfterMs?: number;
  /**
   * Keep a second, warmed-up worker ready, so cancelling costs a swap instead of starting a worker and
   * loading the bundle again (~250 ms): worth one idle thread where latency matters (diagnostics).
   */
  readonly warmSpare?: boolean;
  readonly now?: () => number;
}

/** A tiny request that loads and warms up a spare worker's code paths. */
const WARM_UP_TEXT = '{"input": {"shape": [2, 2]}, "layer": {"kernelSize": 2}}';

export class AnalysisClient {
  private worker: WorkerLike | undefined;
  private spare: WorkerLike | undefined;
  private inFlight: InFlight | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;
  private disposed = false;

  private readonly cancelAfterMs: number;
  private readonly warmSpare: boolean;
  private readonly now: () => number;

  constructor(
    private readonly createWorker: WorkerFactory,
    options: AnalysisClientOptions = {},
  ) {
    this.cancelAfterMs = options.cancelAfterMs ?? 300;
    this.warmSpare = options.warmSpare ?? false;
    this.now = options.now ?? (() => Date.now());
  }

  analyze(key: string, text: string, options: AnalysisOptions): Promise<Analysis> {
    return this.enqueue('analyze', key, text, options);
  }

  verify(key: string, text: string, options: AnalysisOptions): Promise<VerificationOutcome> {
    return this.enqueue('verify', key, text, options);
  }

  preview(key: string, text: string, options: PreviewBuildOptions): Promise<PreviewBuildResult> {
    return this.enqueue('preview', key, text, options);
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.queue.splice(0)) job.reject(new SupersededError());
    this.inFlight?.reject(new SupersededError());
    this.inFlight = undefined;
    this.worker?.terminate();
    this.worker = undefined;
    this.spare?.terminate();
    this.spare = undefined;
  }

  private enqueue<K extends Kind>(kind: K, key: string, text: string, options: AnalysisOptions | PreviewBuildOptions): Promise<ResultOf<K>> {
    if (this.disposed) return Promise.reject(new SupersededError());
    return new Promise<ResultOf<K>>((resolve, reject) => {
      for (let i = this.queue.length - 1; i >= 0; i--) {
        if (this.queue[i].key === key && this.queue[i].kind === kind) this.queue.splice(i, 1)[0].reject(new SupersededError());
      }
      this.queue.push({ kind, key, text, options, resolve: resolve as Job['resolve'], reject });
      const busy = this.inFlight;
      if (busy && busy.key === key && busy.kind === kind) {
        const left = this.cancelAfterMs - (this.now() - busy.startedAt);
        if (left <= 0) this.restartWorker();
        // Otherwise give the outdated request until the limit, then cancel it if it is still running.
        else setTimeout(() => {
          if (this.inFlight === busy) {
            this.restartWorker();
            this.pump();
          }
        }, left);
      }
      this.pump();
    });
  }

  private restartWorker(): void {
    this.inFlight?.reject(new SupersededError());
    this.inFlight = undefined;
    this.worker?.terminate();
    this.worker = undefined;
  }

  private startWorker(): WorkerLike {
    const worker = this.createWorker();
    worker.onMessage((message) => {
      if (worker === this.worker) this.settle(message);
    });
    worker.onFailure((error) => {
      if (worker === this.spare) this.spare = undefined;
      if (worker !== this.worker) return;
      this.worker = undefined;
      const job = this.inFlight;
      this.inFlight = undefined;
      // Users see this (a preview's error, a test's message): translated through the host's @vscode/l10n (localizeHost).
      job?.reject(new Error(l10n.t('the analysis worker stopped: {0}', error.message)));
      this.pump();
    });
    return worker;
  }

  private startSpare(): void {
    if (!this.warmSpare || this.spare || this.disposed) return;
    this.spare = this.startWorker();
    // Its answer is dropped (it is not the current worker); the point is loading and warming its code.
    this.spare.postMessage({ kind: 'analyze', id: 0, text: WARM_UP_TEXT, options: {} });
  }

  private ensureWorker(): WorkerLike {
    if (!this.worker) {
      this.worker = this.spare ?? this.startWorker();
      this.spare = undefined;
      this.startSpare();
    }
    return this.worker;
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0 || this.disposed) return;
    const job = this.queue.shift() as Job;
    const id = this.nextId++;
    this.inFlight = { ...job, id, startedAt: this.now() };
    this.ensureWorker().postMessage({ kind: job.kind, id, text: job.text, options: job.options } as AnalysisRequest);
  }

  private settle(message: AnalysisResponse): void {
    const job = this.inFlight;
    if (!job || job.id !== message.id || message.kind === 'localized') return;
    this.inFlight = undefined;
    if (message.kind === 'failed') job.reject(new Error(message.message));
    else job.resolve(message.kind === 'analyzed' ? message.analysis : message.kind === 'verified' ? message.outcome : message.result);
    this.pump();
  }
}
