/**
 * Text → diagnostics, model and plan. Never throws. Values are computed only when an `expect.output` needs
 * them, so shape-only specs (e.g. a DCGAN chain) validate without allocating a tensor.
 */
import * as l10n from '@vscode/l10n';
import type { SpecDiagnostic } from './diagnostics';
import { findDuplicateKeys } from './duplicateKeys';
import { findFloat32Overflows } from './float32Range';
import { evaluateSpec, type SpecEvaluation, type SpecEvaluator } from './evaluate';
import type { SpecModel } from './model';
import { parseSpecText } from './parse';
import type { ChainPlan } from './plan';
import { buildChainPlan, type ValueExpectation } from './planChain';
import { readModel } from './readModel';
import { Reporter } from './reporter';
import { checkSchema } from './schemaCheck';
import { checkExpectedValues } from './valueCheck';

export interface ValidateOptions {
  /** Bytes a layer's values may take (tconv.memoryBudget; default 1 GiB): beyond it, values are not computed. */
  readonly memoryBudget?: number;
  /** Runs the chain when values must be compared (default evaluateSpec); callers may inject a cached or worker-backed one. */
  readonly evaluate?: SpecEvaluator;
  /** Internal: see ParseOptions.packMinLength. */
  readonly packMinLength?: number;
}

export interface ValidationResult {
  /** Sorted by offset. */
  readonly diagnostics: SpecDiagnostic[];
  /** Null when the text does not parse or does not match the schema. */
  readonly spec: SpecModel | null;
  /** Null when the input's shape is unknown; possibly incomplete (plan.complete) when a layer could not be planned. */
  readonly plan: ChainPlan | null;
  /** Present when values were computed for an expect.output. */
  readonly evaluation?: SpecEvaluation;
}

/** Errors that only say an expectation failed; the chain itself is sound and can be evaluated. */
const EXPECTATION_CODES = new Set<string>(['expected-shape', 'target-size', 'round-trip']);

function sorted(diagnostics: SpecDiagnostic[]): SpecDiagnostic[] {
  return [...diagnostics].sort((a, b) => a.offset - b.offset);
}

function internalDiagnostic(error: unknown, text: string): SpecDiagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'internal',
    severity: 'error',
    message: l10n.t('tconv could not check this spec ({0}). This is a bug; please report it with the spec.', detail),
    offset: 0,
    length: Math.min(1, text.length),
  };
}

function outputOf(evaluation: SpecEvaluation, target: number): SpecEvaluation['output'] | undefined {
  if (target < 0) return evaluation.forward?.output;
  if (target < evaluation.layers.length) return evaluation.layers[target].output;
  // Beyond the memory budget (a memory-budget diagnostic says so), a layer's values are not compared.
  return evaluation.values === 'all' ? evaluation.output : undefined;
}

function compareValues(
  spec: SpecModel,
  plan: ChainPlan,
  expectations: readonly ValueExpectation[],
  reporter: Reporter,
  evaluate: SpecEvaluator,
): SpecEvaluation | undefined {
  const blocked = reporter.diagnostics.some((d) => d.severity === 'error' && !EXPECTATION_CODES.has(d.code));
  if (expectations.length === 0 || blocked || !plan.complete) return undefined;
  const evaluation = evaluate(spec, plan);
  for (const expectation of expectations) {
    const output = outputOf(evaluation, expectation.target);
    if (output)
      checkExpectedValues(
        expectation.expect,
        expectation.subject,
        output,
        spec.dtype,
        reporter,
        evaluation.usedFastPath,
      );
  }
  return evaluation;
}

function validateText(text: string, options: ValidateOptions): ValidationResult {
  const parsed = parseSpecText(text, { packMinLength: options.packMinLength });
  const root = parsed.root;
  if (!root || parsed.diagnostics.length > 0) return { diagnostics: parsed.diagnostics, spec: null, plan: null };
  const warnings = findDuplicateKeys(root);
  const schemaDiagnostics = checkSchema(root);
  if (schemaDiagnostics.length > 0)
    return { diagnostics: sorted([...warnings, ...schemaDiagnostics]), spec: null, plan: null };
  const model = readModel(root);
  if (!model.spec) return { diagnostics: sorted([...warnings, ...model.diagnostics]), spec: null, plan: null };
  const spec = model.spec;
  const reporter = new Reporter({ text, root });
  const { plan, valueExpectations } = buildChainPlan(spec, reporter, { memoryBudget: options.memoryBudget });
  let evaluation: SpecEvaluation | undefined;
  if (plan) {
    try {
      evaluation = compareValues(spec, plan, valueExpectations, reporter, options.evaluate ?? evaluateSpec);
    } catch (error) {
      reporter.diagnostics.push(internalDiagnostic(error, text));
    }
  }
  const ranges = findFloat32Overflows(root, spec);
  return {
    diagnostics: sorted([...warnings, ...model.diagnostics, ...ranges, ...reporter.diagnostics]),
    spec,
    plan,
    ...(evaluation ? { evaluation } : {}),
  };
}

export function validateSpec(text: string, options: ValidateOptions = {}): ValidationResult {
  try {
    return validateText(text, options);
  } catch (error) {
    return { diagnostics: [internalDiagnostic(error, text)], spec: null, plan: null };
  }
}
