/** Messages between the extension host and the analysis worker. */
import type { HoverInfo } from '../spec/hover';
import type { AnalysisOptions, PreviewBuildOptions, PreviewBuildResult } from './analyze';
import type { HostAnalysis, HostVerificationOutcome } from './hostView';

/** A translation bundle (English message → translated message), as `vscode.l10n.bundle` holds it. */
export type L10nBundle = Readonly<Record<string, string>>;

/** One change of a text: `deleted` characters at `offset` replaced by `text` (a VS Code content change). */
export interface TextEdit {
  readonly offset: number;
  readonly deleted: number;
  readonly text: string;
}

/**
 * How a request names its text. The worker keeps the last text of each key (KeptTexts), so a hover or a second
 * request on an unchanged 10 MB document does not send it again, and an edit sends only what changed. A worker
 * that does not hold the text named, or cannot apply the edits to it, answers `resend`; the host then sends the
 * text itself.
 */
export type TextRef =
  /** The text itself (its last part, when TextParts came before). */
  | { readonly text: string }
  /** The text of the last request with the same key. */
  | { readonly sameText: true }
  /** The text of the last request with the same key, with these edits applied in order; `length` is the result's. */
  | { readonly edits: readonly TextEdit[]; readonly length: number };

/** The work a request asks for. */
export type AnalysisWork =
  | { readonly kind: 'analyze'; readonly options: AnalysisOptions }
  | { readonly kind: 'verify'; readonly options: AnalysisOptions }
  | { readonly kind: 'preview'; readonly options: PreviewBuildOptions }
  /** The hover at `offset` of the text (the worker reuses its analysis of that text when it has one). */
  | { readonly kind: 'hover'; readonly offset: number; readonly options: AnalysisOptions };

export type AnalysisRequest = {
  readonly id: number;
  /** The host's name for the document and the kind of work (AnalysisClient's key). */
  readonly key: string;
} & TextRef &
  AnalysisWork;

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
  /** The request named a kept text (`sameText`, `edits`) that this worker does not hold, or edits that do not fit it. */
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

/** The work of a request on its text. */
export function handleRequest(request: AnalysisWork & { readonly id: number }, text: string, run: AnalysisFunctions): AnalysisResponse {
  try {
    switch (request.kind) {
      case 'analyze':
        return { kind: 'analyzed', id: request.id, analysis: run.analyze(text, request.options) };
      case 'verify':
        return { kind: 'verified', id: request.id, outcome: run.verify(text, request.options) };
      case 'preview':
        return { kind: 'previewed', id: request.id, result: run.preview(text, request.options) };
      case 'hover':
        return { kind: 'hovered', id: request.id, hover: run.hover(text, request.offset, request.options) ?? null };
    }
  } catch (e) {
    return { kind: 'failed', id: request.id, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}

/** `text` with the edits applied in order, or undefined when one does not fit in the text it applies to. */
export function editedText(text: string, edits: readonly TextEdit[]): string | undefined {
  let edited = text;
  for (const { offset, deleted, text: inserted } of edits) {
    if (!Number.isInteger(offset) || !Number.isInteger(deleted) || offset < 0 || deleted < 0 || offset + deleted > edited.length) return undefined;
    edited = edited.slice(0, offset) + inserted + edited.slice(offset + deleted);
  }
  return edited;
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
 * for requests that name it (`sameText`) or edit it (`edits`).
 */
export function requestHandler(run: AnalysisFunctions, limits: KeptTextLimits = DEFAULT_KEPT_TEXTS): (message: WorkerRequest) => AnalysisResponse | undefined {
  let parts: string[] = [];
  const kept = new KeptTexts(limits);
  const textOf = (request: AnalysisRequest): string | undefined => {
    if ('sameText' in request) return kept.get(request.key);
    if ('edits' in request) {
      const base = kept.get(request.key);
      const edited = base === undefined ? undefined : editedText(base, request.edits);
      // Edits meant for another text than the one kept (the length tells) are not applied.
      if (edited === undefined || edited.length !== request.length) return undefined;
      kept.keep(request.key, edited);
      return edited;
    }
    const text = parts.length === 0 ? request.text : parts.join('') + request.text;
    parts = [];
    kept.keep(request.key, text);
    return text;
  };
  return (message) => {
    if (message.kind === 'part') {
      parts.push(message.text);
      return undefined;
    }
    if (message.kind === 'l10n') {
      try {
        run.localize(message.bundle);
        return { kind: 'localized', id: 0 };
      } catch (e) {
        return { kind: 'failed', id: 0, message: e instanceof Error ? e.message : String(e) };
      }
    }
    const text = textOf(message);
    return text === undefined ? { kind: 'resend', id: message.id } : handleRequest(message, text, run);
  };
}
