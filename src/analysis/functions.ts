import * as l10n from '@vscode/l10n';
import { buildPreviewPayload } from '../preview/buildPayload';
import { hoverAt } from '../spec/hover';
import { verifyText } from './analyze';
import { analysisForHost, verificationForHost } from './hostView';
import type { AnalysisFunctions } from './protocol';
import { RecentAnalyses } from './recentAnalyses';

/** The analyses this worker made last, full: hovers on the same text reuse them. */
const recent = new RecentAnalyses();

/** What the analysis worker (or the in-host fallback) runs for each request kind. */
export const ANALYSIS_FUNCTIONS: AnalysisFunctions = {
  analyze: (text, options) => analysisForHost(recent.fresh(text, options)),
  verify: (text, options) => verificationForHost(verifyText(text, options), text),
  preview: buildPreviewPayload,
  hover: (text, offset, options) => hoverAt(text, recent.get(text, options), offset),
  localize: (bundle) => {
    recent.clear();
    l10n.config({ contents: { ...bundle } });
  },
};
