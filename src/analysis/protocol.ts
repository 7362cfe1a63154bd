/** Messages between the extension host and the analysis worker. */
import type { HoverInfo } from '../spec/hover';
import type { AnalysisOptions, PreviewBuildOptions, PreviewBuildResult } from './analyze';
import type { HostAnalysis, HostVerificationOutcome } from './hostView';

/** A translation bundle (English message → translated message), as `vscode.l10n.bundle` holds it. */
export type L10nBundle = Readonly<Record<string, string>>;

/**
 * Every request names its text: `text`, or, with `sameText`, the text of the last request with the same `key`,
 * which the worker keeps (KeptTexts) so that a hover or a second request on an unchanged 10 MB document does not
 * send it again. A worker that no longer holds it answers `resend`, and the host sends the text itself.
 */
interface TextOf {
  readonly id: number;
  /** The host's name for the document and the kind of work (AnalysisClient's key). */
  readonly key: string;
  readonly text: string;
  readonly sameText?: true;
}

export type AnalysisRequest =
  | (TextOf & { readonly kind: 'analyze'; readonly options: AnalysisOptions })
  | (TextOf & { readonly kind: 'verify'; readonly options: AnalysisOptions })
  | (TextOf & { readonly kind: 'preview'; readonly options: PreviewBuildOptions })
  /** The hover at `offset` of `text` (the worker reuses its analysis of that text when it has one). */
  | (TextOf & { readonly kind: 'hover'; readonly offset: number; readonly options: AnalysisOptions });

/** Sent once, first, to every worker when VS Code runs in another language than English. */
export interface L10nRequest {
  readonly kind: 'l10n';
  readonly id: 0;
  readonly bundle: L10nBundle;
}

/**
 * A leading part of the next request's text: a large text is sent in parts, one message per turn of the host's
 * event loop, so that no single message copies all of it; the worker joins them with the request's own `text`.
 */
export interface TextPart {
  readonly kind: 'part';
  readonly id: 0;
  readonly text: string;
}

export type WorkerRequest = AnalysisRequest | L10nRequest | TextPart;

export type AnalysisResponse =
  | { readonly kind: 'analyzed'; readonly id: number; readonly analysis: HostAnalysis }
  | { readonly kind: 'verified'; readonly id: number; readonly outcome: HostVerificationOutcome }
  | { readonly kind: 'previewed'; readonly id: number; readonly result: PreviewBuildResult }
  | { readonly kind: 'hovered'; readonly id: number; readonly hover: HoverInfo | null }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  /** The request asked for a kept text (`sameText`) that this worker does not hold. */
  | { readonly kind: 'resend'; readonly id: number }
  | { readonly kind: 'localized'; readonly id: 0 };

/** The work behind each request kind (the worker passes the real functions, tests may pass others). */
export interface AnalysisFunctions {
  analyze(text: string, options: AnalysisOptions): HostAnalysis;
  verify(text: string, options: AnalysisOptions): HostVerificationOutcome;
  preview(text: string, options: PreviewBuildOptions): PreviewBuildResult;
  hover(text: string, offset: number, options: AnalysisOptions): HoverInfo | undefined;
  /** Messages from now on come from this bundle. */
  localize(bundle: L10nBundle): void;
}

export function handleRequest(request: AnalysisRequest | L10nRequest, run: AnalysisFunctions): AnalysisResponse {
  try {
    switch (request.kind) {
      case 'analyze':
        return { kind: 'analyzed', id: request.id, analysis: run.analyze(request.text, request.options) };
      case 'verify':
        return { kind: 'verified', id: request.id, outcome: run.verify(request.text, request.options) };
      case 'preview':
        return { kind: 'previewed', id: request.id, result: run.preview(request.text, request.options) };
      case 'hover':
        return { kind: 'hovered', id: request.id, hover: run.hover(request.text, request.offset, request.options) ?? null };
      case 'l10n':
        run.localize(request.bundle);
        return { kind: 'localized', id: 0 };
    }
  } catch (e) {
    return { kind: 'failed', id: request.id, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}

export interface KeptTextLimits {
  /** At most this many texts. */
  readonly entries: number;
  /** The texts kept together stay below this many characters; the newest is always kept. */
  readonly characters: number;
}

export const DEFAULT_KEPT_TEXTS: KeptTextLimits = { entries: 8, characters: 32 * 1024 * 1024 };

/** The last text of each key, newest first, within the limits. */
class KeptTexts {
  private texts = new Map<string, string>();

  constructor(private readonly limits: KeptTextLimits) {}

  get(key: string): string | undefined {
    return this.texts.get(key);
  }

  keep(key: string, text: string): void {
    const kept = new Map<string, string>([[key, text]]);
    let characters = text.length;
    for (const [k, t] of this.texts) {
      if (k === key) continue;
      if (kept.size >= this.limits.entries || characters + t.length > this.limits.characters) break;
      kept.set(k, t);
      characters += t.length;
    }
    this.texts = kept;
  }
}

/**
 * A worker's message handler: keeps the parts of a text until the request they lead (parts and requests arrive in
 * the order they were sent) and answers each request; a part gets no answer. It keeps the last text of each key
 * for requests that name it with `sameText`.
 */
export function requestHandler(run: AnalysisFunctions, limits: KeptTextLimits = DEFAULT_KEPT_TEXTS): (message: WorkerRequest) => AnalysisResponse | undefined {
  let parts: string[] = [];
  const kept = new KeptTexts(limits);
  return (message) => {
    if (message.kind === 'part') {
      parts.push(message.text);
      return undefined;
    }
    if (message.kind === 'l10n') return handleRequest(message, run);
    if (message.sameText) {
      const text = kept.get(message.key);
      if (text === undefined) return { kind: 'resend', id: message.id };
      return handleRequest({ ...message, text }, run);
    }
    const text = parts.length === 0 ? message.text : parts.join('') + message.text;
    parts = [];
    kept.keep(message.key, text);
    return handleRequest(text === message.text ? message : { ...message, text }, run);
  };
}
