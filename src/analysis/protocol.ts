/** Messages between the extension host and the analysis worker. */
import type { HoverInfo } from '../spec/hover';
import type { AnalysisOptions, PreviewBuildOptions, PreviewBuildResult } from './analyze';
import type { HostAnalysis, HostVerificationOutcome } from './hostView';

/** A translation bundle (English message → translated message), as `vscode.l10n.bundle` holds it. */
export type L10nBundle = Readonly<Record<string, string>>;

export type AnalysisRequest =
  | { readonly kind: 'analyze'; readonly id: number; readonly text: string; readonly options: AnalysisOptions }
  | { readonly kind: 'verify'; readonly id: number; readonly text: string; readonly options: AnalysisOptions }
  | { readonly kind: 'preview'; readonly id: number; readonly text: string; readonly options: PreviewBuildOptions }
  /** The hover at `offset` of `text` (the worker reuses its analysis of that text when it has one). */
  | { readonly kind: 'hover'; readonly id: number; readonly text: string; readonly offset: number; readonly options: AnalysisOptions };

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

/**
 * A worker's message handler: keeps the parts of a text until the request they lead (parts and requests arrive in
 * the order they were sent) and answers each request; a part gets no answer.
 */
export function requestHandler(run: AnalysisFunctions): (message: WorkerRequest) => AnalysisResponse | undefined {
  let parts: string[] = [];
  return (message) => {
    if (message.kind === 'part') {
      parts.push(message.text);
      return undefined;
    }
    if (message.kind === 'l10n' || parts.length === 0) return handleRequest(message, run);
    const text = parts.join('') + message.text;
    parts = [];
    return handleRequest({ ...message, text }, run);
  };
}
