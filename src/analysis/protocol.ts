/** Messages between the extension host and the analysis worker. */
import type { Analysis, AnalysisOptions, PreviewBuildOptions, PreviewBuildResult, VerificationOutcome } from './analyze';

export type AnalysisRequest =
  | { readonly kind: 'analyze'; readonly id: number; readonly text: string; readonly options: AnalysisOptions }
  | { readonly kind: 'verify'; readonly id: number; readonly text: string; readonly options: AnalysisOptions }
  | { readonly kind: 'preview'; readonly id: number; readonly text: string; readonly options: PreviewBuildOptions };

export type AnalysisResponse =
  | { readonly kind: 'analyzed'; readonly id: number; readonly analysis: Analysis }
  | { readonly kind: 'verified'; readonly id: number; readonly outcome: VerificationOutcome }
  | { readonly kind: 'previewed'; readonly id: number; readonly result: PreviewBuildResult }
  | { readonly kind: 'failed'; readonly id: number; readonly message: string };

/** The work behind each request kind (the worker passes the real functions, tests may pass others). */
export interface AnalysisFunctions {
  analyze(text: string, options: AnalysisOptions): Analysis;
  verify(text: string, options: AnalysisOptions): VerificationOutcome;
  preview(text: string, options: PreviewBuildOptions): PreviewBuildResult;
}

export function handleRequest(request: AnalysisRequest, run: AnalysisFunctions): AnalysisResponse {
  try {
    switch (request.kind) {
      case 'analyze':
        return { kind: 'analyzed', id: request.id, analysis: run.analyze(request.text, request.options) };
      case 'verify':
        return { kind: 'verified', id: request.id, outcome: run.verify(request.text, request.options) };
      case 'preview':
        return { kind: 'previewed', id: request.id, result: run.preview(request.text, request.options) };
    }
  } catch (e) {
    return { kind: 'failed', id: request.id, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
  }
}
