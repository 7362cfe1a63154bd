import * as l10n from '@vscode/l10n';
import { buildPreviewPayload } from '../preview/buildPayload';
import { analyzeText, verifyText } from './analyze';
import type { AnalysisFunctions } from './protocol';

/** What the analysis worker (or the in-host fallback) runs for each request kind. */
export const ANALYSIS_FUNCTIONS: AnalysisFunctions = {
  analyze: analyzeText,
  verify: verifyText,
  preview: buildPreviewPayload,
  localize: (bundle) => l10n.config({ contents: { ...bundle } }),
};
