/**
 * The Testing view's content for a verified spec: one item per transposed-convolution layer (at the position the
 * worker worked out) with one child per verification, and the text each result writes to the test output
 * (testing.ts turns them into vscode.TestItems and TestRun output). No `vscode` here, so the host benchmark
 * runs this very code.
 */
import * as l10n from '@vscode/l10n';
import type { HostVerificationOutcome } from '../../server/verificationResult';
// From the module itself, not the engine's index: the extension host bundle then leaves the engine out.
import { isVerificationName, verificationTitle, type VerificationResult } from '../../engine/verify/types';
import type { SpecVerification } from '../../specFile/verifySpec';
import { nothingVerifiedText, verificationStatus } from '../../specFile/verificationStatus';

export interface LayerTestItem {
  readonly index: number;
  readonly label: string;
  /** 1-based, as the worker gives it. */
  readonly position?: { readonly line: number; readonly column: number };
  readonly checks: readonly TestCheckItem[];
}

export interface TestCheckItem {
  readonly name: string;
  readonly label: string;
  /** Shown next to the label in the Testing view: why the check was not run (absent when it ran). */
  readonly description?: string;
}

/** Longest reason shown next to a check's label; the whole reason is in the test output. */
export const MAX_DESCRIPTION_LENGTH = 80;

/**
 * The Testing view's description of a not-run check. TestRun.skipped takes no message and the view shows a
 * skipped test as "Skipped" only, so the reason goes next to the label, where it is seen without opening anything.
 */
export function notRunDescription(reason: string): string {
  return shortDescription(l10n.t('not run: {0}', reason));
}

/** A spec's description in the Testing view when nothing was verified (undefined otherwise, clearing an old one). */
export function fileDescription(verification: SpecVerification): string | undefined {
  return verificationStatus(verification) === 'nothingVerified'
    ? shortDescription(nothingVerifiedText(verification))
    : undefined;
}

function shortDescription(text: string): string {
  return text.length <= MAX_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_DESCRIPTION_LENGTH - 1).trimEnd()}…`;
}

/** A layer's state from its checks: failed when one that ran failed, skipped when none ran (empty or all not run). */
export function layerOutcome(results: readonly VerificationResult[]): 'passed' | 'failed' | 'skipped' {
  if (results.some((r) => !r.passed && !r.notRun)) return 'failed';
  return results.some((r) => r.passed) ? 'passed' : 'skipped';
}

export function layerTestItems(outcome: HostVerificationOutcome): LayerTestItem[] {
  const verified = new Map(outcome.verification?.layers.map((l) => [l.layerIndex, l.results]) ?? []);
  const items: LayerTestItem[] = [];
  outcome.plan?.layers.forEach((plan, index) => {
    if (plan.kind !== 'convTranspose') return;
    const checks = (verified.get(index) ?? []).map((r): TestCheckItem => ({
      name: r.name,
      label: isVerificationName(r.name) ? verificationTitle(r.name) : r.title,
      ...(r.notRun ? { description: notRunDescription(r.notRun) } : {}),
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
  if (result.notRun) return `– ${l10n.t('{0}: not run: {1}', label, result.notRun)}\r\n`;
  return `${result.passed ? '✔' : '✘'} ${label}: ${result.summary}\r\n${resultDetails(result)}\r\n`;
}
