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
import type { AnalysisRequest, AnalysisResponse, AnalysisWork, TextRef, WorkerRequest } from '../analysis/protocol';
import type { HoverInfo } from '../spec/hover';
import { editedLength, insertedCharacters, isDocumentVersion, type DocumentVersion } from './documentEdits';
import { isReading, PART_CHARS, textParts, type SpecText } from './documentText';

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

type Kind = AnalysisWork['kind'];
type Result = HostAnalysis | HostVerificationOutcome | PreviewBuildResult | HoverInfo | undefined;
type ResultOf<K extends Kind> = K extends 'analyze'
  ? HostAnalysis
  : K extends 'verify'
    ? HostVerificationOutcome
    : K extends 'preview'
      ? PreviewBuildResult
      : HoverInfo | undefined;

/** What a request is about: a text, or a version of an open document (read only if the worker lacks its base). */
export type SpecSource = SpecText | DocumentVersion;

interface Job {
  readonly kind: Kind;
  readonly key: string;
  readonly text: SpecSource;
  readonly body: AnalysisWork;
  readonly resolve: (value: Result) => void;
  readonly reject: (reason: Error) => void;
}

interface InFlight extends Job {
  readonly id: number;
  readonly startedAt: number;
  /** Whether anything of it was posted to the worker yet (it may still be reading the document). */
  posted: boolean;
}

/** What the current worker keeps for a key: the text last sent, or a document version and its length. */
type Held = { readonly text: SpecText } | { readonly document: number; readonly version: number; readonly length: number };

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

/** How the requests sent so far named their texts (the integration tests and benchmarks read it). */
export interface TextTraffic {
  /** The text itself, in one message or in parts. */
  whole: number;
  /** The edits since the version the worker holds. */
  edits: number;
  /** The version the worker holds, unchanged. */
  same: number;
}

export class AnalysisClient {
  readonly traffic: TextTraffic = { whole: 0, edits: 0, same: 0 };
  private worker: WorkerLike | undefined;
  private spare: WorkerLike | undefined;
  private inFlight: InFlight | undefined;
  private readonly queue: Job[] = [];
  /** What the current worker was last sent for each key (it keeps the texts, see KeptTexts in protocol.ts). */
  private held = new Map<string, Held>();
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

  analyze(key: string, text: SpecSource, options: AnalysisOptions): Promise<HostAnalysis> {
    return this.enqueue('analyze', key, text, { kind: 'analyze', options });
  }

  verify(key: string, text: SpecSource, options: AnalysisOptions): Promise<HostVerificationOutcome> {
    return this.enqueue('verify', key, text, { kind: 'verify', options });
  }

  preview(key: string, text: SpecSource, options: PreviewBuildOptions): Promise<PreviewBuildResult> {
    return this.enqueue('preview', key, text, { kind: 'preview', options });
  }

  /** The hover at `offset` of `text`: the worker reuses the analysis it made of that text (analyze first). */
  hover(key: string, text: SpecSource, offset: number, options: AnalysisOptions): Promise<HoverInfo | undefined> {
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

  private enqueue<K extends Kind>(kind: K, key: string, text: SpecSource, body: AnalysisWork & { readonly kind: K }): Promise<ResultOf<K>> {
    if (this.disposed) return Promise.reject(new SupersededError());
    return new Promise<ResultOf<K>>((resolve, reject) => {
      for (let i = this.queue.length - 1; i >= 0; i--) {
        if (this.queue[i].key === key && this.queue[i].kind === kind) this.queue.splice(i, 1)[0].reject(new SupersededError());
      }
      this.queue.push({ kind, key, text, body, resolve: resolve as Job['resolve'], reject });
      const busy = this.inFlight;
      // A hover is never cancelled: it is short (one pass over the text), and restarting the worker would throw
      // away the analysis the next hover needs, which would then validate the whole text again.
      if (busy && busy.key === key && busy.kind === kind && !busy.posted) {
        // Still reading the document: nothing reached the worker, so it is dropped without a restart.
        this.inFlight = undefined;
        busy.reject(new SupersededError());
      } else if (busy && busy.key === key && busy.kind === kind && kind !== 'hover') {
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
    const flight: InFlight = { ...job, id: this.nextId++, startedAt: this.now(), posted: false };
    this.inFlight = flight;
    const worker = this.ensureWorker();
    const source = job.text;
    if (!isDocumentVersion(source)) {
      // The same text (the same document version, read once by DocumentTexts): the worker has it.
      if (this.heldText(job.key) === source) this.post(worker, flight, { sameText: true });
      else this.sendText(worker, flight, source, source);
      return;
    }
    const held = this.held.get(job.key);
    if (held && 'document' in held && held.document === source.document && held.version <= source.version) {
      const edits = source.editsFrom(held.version);
      if (edits?.length === 0) return this.post(worker, flight, { sameText: true });
      // Edits that insert more than a part (a large paste) go as the text in parts: no message copies it all.
      if (edits && insertedCharacters(edits) <= PART_CHARS) {
        const length = editedLength(held.length, edits);
        this.post(worker, flight, { edits, length });
        this.held.set(job.key, { document: source.document, version: source.version, length });
        return;
      }
    }
    const text = source.read();
    if (text !== undefined && !isReading(text)) return this.sendText(worker, flight, text, source);
    void Promise.resolve(text).then(
      (read) => {
        if (this.inFlight !== flight || this.worker !== worker) return;
        if (read !== undefined) return this.sendText(worker, flight, read, source);
        // The document changed before it was read: the newer version has its own request.
        this.drop(flight, new SupersededError());
      },
      (error: unknown) => {
        if (this.inFlight === flight) this.drop(flight, error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  /** Ends the request in flight before it reached the worker, and goes on with the next. */
  private drop(flight: InFlight, reason: Error): void {
    this.inFlight = undefined;
    flight.reject(reason);
    this.pump();
  }

  private heldText(key: string): SpecText | undefined {
    const held = this.held.get(key);
    return held && 'text' in held ? held.text : undefined;
  }

  private post(worker: WorkerLike, flight: InFlight, text: TextRef): void {
    this.traffic['sameText' in text ? 'same' : 'edits' in text ? 'edits' : 'whole']++;
    flight.posted = true;
    worker.postMessage({ ...flight.body, ...text, id: flight.id, key: flight.key } as AnalysisRequest);
  }

  /** The text whole (in parts when it is long): the text of `source`, which the worker then holds. */
  private sendText(worker: WorkerLike, flight: InFlight, text: SpecText, source: SpecSource): void {
    const parts = textParts(text);
    const kept: Held = isDocumentVersion(source) ? { document: source.document, version: source.version, length: parts.reduce((n, p) => n + p.length, 0) } : { text: source };
    if (parts.length === 1) this.sendLast(worker, flight, parts[0], kept);
    else void this.sendInParts(worker, flight, parts, kept);
  }

  private sendLast(worker: WorkerLike, flight: InFlight, text: string, held: Held): void {
    this.post(worker, flight, { text });
    this.held.set(flight.key, held);
  }

  /** The leading parts one per turn, then the request with the last; stops if the request or the worker is replaced. */
  private async sendInParts(worker: WorkerLike, flight: InFlight, parts: readonly string[], held: Held): Promise<void> {
    const current = () => this.inFlight === flight && this.worker === worker;
    for (let i = 0; i < parts.length - 1; i++) {
      if (i > 0) await this.nextTurn();
      if (!current()) return;
      flight.posted = true;
      worker.postMessage({ kind: 'part', id: 0, text: parts[i] });
    }
    await this.nextTurn();
    if (current()) this.sendLast(worker, flight, parts[parts.length - 1], held);
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
