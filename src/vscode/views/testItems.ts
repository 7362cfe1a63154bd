/**
 * The Testing view's content for a verified spec: one item per transposed-convolution layer (at the position the
 * worker worked out) with one child per verification, and the text each result writes to the test output
 * (testing.ts turns them into vscode.TestItems and TestRun output). No `vscode` here, so the host benchmark
 * runs this very code.
 */
import * as l10n from '@vscode/l10n';
import type { HostVerificationOutcome } from '../../server/verificationResult';
import { isVerificationName, verificationTitle, type VerificationResult } from '../../engine';

export interface LayerTestItem {
  readonly index: number;
  readonly label: string;
  /** 1-based, as the worker gives it. */
  readonly position?: { readonly line: number; readonly column: number };
  readonly checks: readonly { readonly name: string; readonly label: string }[];
}

export function layerTestItems(outcome: HostVerificationOutcome): LayerTestItem[] {
  const verified = new Map(outcome.verification?.layers.map((l) => [l.layerIndex, l.results]) ?? []);
  const items: LayerTestItem[] = [];
  outcome.plan?.layers.forEach((plan, index) => {
    if (plan.kind !== 'convTranspose') return;
    const checks = (verified.get(index) ?? []).map((r) => ({
      name: r.name,
      label: isVerificationName(r.name) ? verificationTitle(r.name) : r.title,
    }));
    const at = outcome.layerPositions[index];
    items.push({ index, label: plan.name, ...(at ? { position: { line: at.line, column: at.column } } : {}), checks });
  });
  return items;
}

/** The numbers behind a result, one "  key: value" line each. */
export function resultDetails(result: VerificationResult): string {
  return Object.entries(result.details)
    .map(([k, v]) => `  ${k}: ${Array.isArray(v) ? `[${v.join(', ')}]` : String(v)}`)
    .join('\r\n');
}

/** What a result appends to the test output under `label`. */
export function resultOutput(label: string, result: VerificationResult): string {
  if (result.notRun) return `${l10n.t('{0}: not run: {1}', label, result.notRun)}\r\n`;
  return `${result.passed ? '✔' : '✘'} ${label}: ${result.summary}\r\n${resultDetails(result)}\r\n`;
}
