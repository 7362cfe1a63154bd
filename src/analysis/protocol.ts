/** Messages between the extension host and the analysis worker. */
import type { Analysis, AnalysisOptions, PreviewBuildOptions, PreviewBuildResult, VerificationOutcome } from './analyze';

/** A translation bundle (English message → translated message), as `vscode.l10n.bundle` holds it. */
export type L10nBundle = Readonly<Record<string, string>>;

export type AnalysisRequest =
  | { readonly kind: 'analyze'; readonly id: number; readonly text: string; readonly options: AnalysisOptions }
  | { readonly kind: 'verify'; readonly id: number; readonly text: string; readonly options: AnalysisOptions }
  | { readonly kind: 'preview'; readonly id: number; readonly text: string; readonly options: PreviewBuildOptions };

/** Sent once, first, to every worker when VS Code runs in another language than English. */
export interface L10nRequest {
  readonly kind: 'l10n';
  readonly id: 0;
  readonly bundle: L10nBundle;
}

export type WorkerRequest = AnalysisRequest | L10nRequest;

export type AnalysisResponse =
  | { readonly kind: 'analyzed'; readonly id: number; readonly analysis: Analysis }
  | { readonly kind: 'verified'; readonly id: number; readonly outcome: VerificationOutcome }
  | { readonly kind: 'previewed'; readonly id: number; readonly result: PreviewBuildResult }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  | { readonly kind: 'localized'; readonly id: 0 };

/** The work behind each request kind (the worker passes the real functions, tests may pass others). */
export interface AnalysisFunctions {
  analyze(text: string, options: AnalysisOptions): Analysis;
  verify(text: string, options: AnalysisOptions): VerificationOutcome;
  preview(text: string, options: PreviewBuildOptions): PreviewBuildResult;
  /** Messages from now on come from this bundle. */
  localize(bundle: L10nBundle): void;
}

export function handleRequest(request: WorkerRequest, run: AnalysisFunctions): AnalysisResponse {
  try {
    switch (request.kind) {
      case 'analyze':
        return { kind: 'analyzed', id: request.id, analysis: run.analyze(request.text, request.options) };
      case 'verify':
        return { kind: 'verified', id: request.id, outcome: run.verify(request.text, request.options) };
      case 'preview':
        return { kind: 'previewed', id: request.id, result: run.preview(request.text, request.options) };
      case 'l10n':
        run.localize(request.bundle);
        return { kind: 'localized', id: 0 };
    }
  } catch (e) {
    return { kind: 'failed', id: request.id, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}
