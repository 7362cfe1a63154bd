/**
 * Sends spec texts to the analysis worker, one request at a time. A queued request for a document is dropped
 * when a newer one of the same kind for the same document arrives; a request that keeps the worker busy longer
 * than `cancelAfterMs` while a newer one waits is cancelled by restarting the worker (except hovers, see
 * enqueue). The host never computes: even hovers are answered by the worker, which has the text's analysis.
 * A large text goes in parts, one message per turn of the event loop (documentText.ts), so that no message
 * copies all of it at once.
 */
import * as l10n from '@vscode/l10n';
import type { AnalysisOptions, PreviewBuildOptions, PreviewBuildResult } from '../analysis/analyze';
import type { HostAnalysis, HostVerificationOutcome } from '../analysis/hostView';
import type { AnalysisRequest, AnalysisResponse, WorkerRequest } from '../analysis/protocol';
import type { HoverInfo } from '../spec/hover';
import { textParts, type SpecText } from './documentText';

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
/** A request as queued: everything but the id it gets when it is sent, and its text, which may come in parts. */
type RequestBody = AnalysisRequest extends infer R ? (R extends AnalysisRequest ? Omit<R, 'id' | 'key' | 'text' | 'sameText'> : never) : never;
type Result = HostAnalysis | HostVerificationOutcome | PreviewBuildResult | HoverInfo | undefined;
type ResultOf<K extends Kind> = K extends 'analyze'
  ? HostAnalysis
  : K extends 'verify'
    ? HostVerificationOutcome
    : K extends 'preview'
      ? PreviewBuildResult
      : HoverInfo | undefined;

interface Job {
  readonly kind: Kind;
  readonly key: string;
  readonly text: SpecText;
  readonly body: RequestBody;
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
  /** Waits for the next turn of the event loop, between the parts of a large text (tests may pass another). */
  readonly nextTurn?: () => Promise<void>;
}

/** A tiny request that loads and warms up a spare worker's code paths. */
const WARM_UP_TEXT = '{"input": {"shape": [2, 2]}, "layer": {"kernelSize": 2}}';

export class AnalysisClient {
  private worker: WorkerLike | undefined;
  private spare: WorkerLike | undefined;
  private inFlight: InFlight | undefined;
  private readonly queue: Job[] = [];
  /** The text the current worker was last sent for each key (it keeps them, see KeptTexts in protocol.ts). */
  private held = new Map<string, SpecText>();
  private nextId = 1;
  private disposed = false;

  private readonly cancelAfterMs: number;
  private readonly warmSpare: boolean;
  private readonly now: () => number;
  private readonly nextTurn: () => Promise<void>;

  constructor(
    private readonly createWorker: WorkerFactory,
    options: AnalysisClientOptions = {},
  ) {
    this.cancelAfterMs = options.cancelAfterMs ?? 300;
    this.warmSpare = options.warmSpare ?? false;
    this.now = options.now ?? (() => Date.now());
    this.nextTurn = options.nextTurn ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  }

  analyze(key: string, text: SpecText, options: AnalysisOptions): Promise<HostAnalysis> {
    return this.enqueue('analyze', key, text, { kind: 'analyze', options });
  }

  verify(key: string, text: SpecText, options: AnalysisOptions): Promise<HostVerificationOutcome> {
    return this.enqueue('verify', key, text, { kind: 'verify', options });
  }

  preview(key: string, text: SpecText, options: PreviewBuildOptions): Promise<PreviewBuildResult> {
    return this.enqueue('preview', key, text, { kind: 'preview', options });
  }

  /** The hover at `offset` of `text`: the worker reuses the analysis it made of that text (analyze first). */
  hover(key: string, text: SpecText, offset: number, options: AnalysisOptions): Promise<HoverInfo | undefined> {
    return this.enqueue('hover', key, text, { kind: 'hover', offset, options });
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

  private enqueue<K extends Kind>(kind: K, key: string, text: SpecText, body: RequestBody & { readonly kind: K }): Promise<ResultOf<K>> {
    if (this.disposed) return Promise.reject(new SupersededError());
    return new Promise<ResultOf<K>>((resolve, reject) => {
      for (let i = this.queue.length - 1; i >= 0; i--) {
        if (this.queue[i].key === key && this.queue[i].kind === kind) this.queue.splice(i, 1)[0].reject(new SupersededError());
      }
      this.queue.push({ kind, key, text, body, resolve: resolve as Job['resolve'], reject });
      const busy = this.inFlight;
      // A hover is never cancelled: it is short (one pass over the text), and restarting the worker would throw
      // away the analysis the next hover needs, which would then validate the whole text again.
      if (busy && busy.key === key && busy.kind === kind && kind !== 'hover') {
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
    this.spare.postMessage({ kind: 'analyze', id: 0, key: 'warm-up', text: WARM_UP_TEXT, options: {} });
  }

  private ensureWorker(): WorkerLike {
    if (!this.worker) {
      this.worker = this.spare ?? this.startWorker();
      this.spare = undefined;
      this.held = new Map();
      this.startSpare();
    }
    return this.worker;
  }

  private pump(): void {
    if (this.inFlight || this.queue.length === 0 || this.disposed) return;
    const job = this.queue.shift() as Job;
    const id = this.nextId++;
    const flight: InFlight = { ...job, id, startedAt: this.now() };
    this.inFlight = flight;
    const worker = this.ensureWorker();
    if (this.held.get(job.key) === job.text) {
      // The same text (the same document version, read once by DocumentTexts): the worker has it.
      worker.postMessage({ ...job.body, id, key: job.key, text: '', sameText: true } as AnalysisRequest);
      return;
    }
    const parts = textParts(job.text);
    if (parts.length === 1) this.sendLast(worker, flight, parts[0]);
    else void this.sendInParts(worker, flight, parts);
  }

  private sendLast(worker: WorkerLike, flight: InFlight, text: string): void {
    worker.postMessage({ ...flight.body, id: flight.id, key: flight.key, text } as AnalysisRequest);
    this.held.set(flight.key, flight.text);
  }

  /** The leading parts one per turn, then the request with the last; stops if the request or the worker is replaced. */
  private async sendInParts(worker: WorkerLike, flight: InFlight, parts: readonly string[]): Promise<void> {
    const current = () => this.inFlight === flight && this.worker === worker;
    for (let i = 0; i < parts.length - 1; i++) {
      if (i > 0) await this.nextTurn();
      if (!current()) return;
      worker.postMessage({ kind: 'part', id: 0, text: parts[i] });
    }
    await this.nextTurn();
    if (current()) this.sendLast(worker, flight, parts[parts.length - 1]);
  }

  /** The worker no longer holds the text the job named: send it again, whole, unless a newer job replaced it. */
  private resend(job: Job): void {
    this.held.delete(job.key);
    if (this.queue.some((q) => q.key === job.key && q.kind === job.kind)) job.reject(new SupersededError());
    else this.queue.unshift(job);
  }

  private settle(message: AnalysisResponse): void {
    const job = this.inFlight;
    if (!job || job.id !== message.id || message.kind === 'localized') return;
    this.inFlight = undefined;
    if (message.kind === 'resend') this.resend(job);
    else if (message.kind === 'failed') job.reject(new Error(message.message));
    else if (message.kind === 'analyzed') job.resolve(message.analysis);
    else if (message.kind === 'verified') job.resolve(message.outcome);
    else if (message.kind === 'previewed') job.resolve(message.result);
    else job.resolve(message.hover ?? undefined);
    this.pump();
  }
}
