/** What the editor needs from a spec text: its analysis, and its verifications. */
import * as l10n from '@vscode/l10n';
import { isEngineError } from '../engine';
import { hasErrors, validateSpec, type ChainPlan, type SpecDiagnostic, type SpecModel, type ValidationResult } from '../spec';
import { evaluateSpec } from '../spec/evaluate';
import { verifySpec, type SpecVerification } from '../spec/verifySpec';

export interface AnalysisOptions {
  readonly maxElements?: number;
}

export interface Analysis {
  readonly diagnostics: SpecDiagnostic[];
  readonly spec: SpecModel | null;
  readonly plan: ChainPlan | null;
}

export interface VerificationOutcome {
  readonly diagnostics: SpecDiagnostic[];
  readonly plan: ChainPlan | null;
  readonly verification?: SpecVerification;
  /** Why nothing was verified: the spec has errors, or evaluating it failed. */
  readonly error?: string;
}

export function analyzeText(text: string, options: AnalysisOptions = {}): Analysis {
  const { diagnostics, spec, plan } = validateSpec(text, { maxElements: options.maxElements });
  return { diagnostics, spec, plan };
}

export function verifyText(text: string, options: AnalysisOptions = {}): VerificationOutcome {
  return verifyValidated(validateSpec(text, { maxElements: options.maxElements }));
}

/** The verifications of a spec already validated (its evaluation is reused when validation made one). */
export function verifyValidated(result: ValidationResult): VerificationOutcome {
  const { diagnostics, spec, plan } = result;
  if (!spec || !plan || hasErrors(diagnostics)) return { diagnostics, plan, error: l10n.t('the spec has errors; fix them to verify it') };
  try {
    const evaluation = result.evaluation ?? evaluateSpec(spec, plan);
    return { diagnostics, plan, verification: verifySpec(spec, plan, evaluation) };
  } catch (e) {
    if (!isEngineError(e)) throw e;
    return { diagnostics, plan, error: e.message };
  }
}
