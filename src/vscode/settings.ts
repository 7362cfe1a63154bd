import * as vscode from 'vscode';
import type { AnalysisOptions } from '../analysis/analyze';
import { DEFAULT_MAX_ELEMENTS } from '../engine/tensor';

export interface TconvSettings {
  readonly analysis: AnalysisOptions;
  readonly diagnosticsDelay: number;
  readonly codeLens: boolean;
  readonly symbolic: boolean;
}

/** Reads `tconv.*`, clamped to the bounds package.json declares (settings.json can hold anything). */
export function readSettings(scope?: vscode.ConfigurationScope): TconvSettings {
  const c = vscode.workspace.getConfiguration('tconv', scope);
  const clamp = (v: unknown, lo: number, hi: number, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(hi, Math.max(lo, Math.floor(v))) : fallback);
  return {
    analysis: { maxElements: clamp(c.get('maxElements'), 1024, DEFAULT_MAX_ELEMENTS, DEFAULT_MAX_ELEMENTS) },
    diagnosticsDelay: clamp(c.get('diagnosticsDelay'), 0, 2000, 150),
    codeLens: c.get('codeLens') !== false,
    symbolic: c.get('symbolic') === true,
  };
}
