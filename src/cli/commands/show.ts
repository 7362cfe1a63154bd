import { numel, toNested, type Tensor } from '../../engine';
import * as l10n from '@vscode/l10n';
import { diagnosticRecord, formatDiagnostic } from '../diagnosticText';
import { evaluateLoaded, verifyLoaded, type VerifyContext } from '../evaluateLoaded';
import type { LoadedSpec } from '../load';
import type { ChainPlan } from '../../specFile';
import { notComputedReason } from '../../specFile/memoryBudget';
import type { Output } from '../output';
import { shapeLines, valueLines, verificationLines } from '../showText';
import { symbolicJson, symbolicLines } from '../symbolicText';

export interface ShowOptions {
  /** Also print each transposed layer's equations and W with weight symbols (`--symbolic`). */
  readonly symbolic?: boolean;
}

/** Tensors above this size are summarised by shape in --json output. */
const MAX_JSON_ELEMENTS = 4096;

function tensorJson(t: Tensor | null): unknown {
  if (!t) return null;
  return numel(t.shape) <= MAX_JSON_ELEMENTS
    ? { shape: t.shape, data: toNested(t) }
    : { shape: t.shape, omitted: l10n.t('more than {0} elements', MAX_JSON_ELEMENTS) };
}

function notComputedJson(plan: ChainPlan): { name: string; reason: string; bytes: number }[] {
  return [...(plan.forward ? [plan.forward] : []), ...plan.layers].flatMap((l) => {
    const reason = notComputedReason(plan.values, l.index);
    const bytes = plan.values.steps.find((s) => s.index === l.index)?.bytes ?? 0;
    return reason === null ? [] : [{ name: l.name, reason, bytes }];
  });
}

async function showJson(spec: LoadedSpec, options: ShowOptions, context: VerifyContext): Promise<unknown> {
  const evaluated = evaluateLoaded(spec);
  const verified = evaluated.ok ? await verifyLoaded(spec, context, evaluated) : undefined;
  const { plan } = spec.result;
  return {
    file: spec.path,
    name: spec.result.spec?.name?.value ?? null,
    diagnostics: spec.result.diagnostics.map((d) => diagnosticRecord(spec, d)),
    plan,
    values: evaluated.ok
      ? {
          input: evaluated.evaluation.values === 'none' ? null : tensorJson(evaluated.evaluation.input),
          layers: [
            ...(evaluated.evaluation.forward ? [evaluated.evaluation.forward] : []),
            ...evaluated.evaluation.layers,
          ].map((l) => ({
            name: l.plan.name,
            weight: tensorJson(l.weight),
            bias: tensorJson(l.bias),
            output: tensorJson(l.output),
            ...(options.symbolic ? symbolicJson(l.plan) : {}),
          })),
          // Beyond the memory budget: the layer's name and why (the bytes needed, the budget).
          notComputed: plan ? notComputedJson(plan) : [],
        }
      : { error: evaluated.reason },
    verification: verified?.ok ? verified.verification : null,
  };
}

/** `tconv show`: shapes with formulas, grids, W and Wᵀ, the symbolic form with --symbolic, verifications. Exit 1 when a spec has errors or fails a verification. */
export async function runShow(
  specs: readonly LoadedSpec[],
  out: Output,
  context: VerifyContext,
  options: ShowOptions = {},
): Promise<number> {
  let status = 0;
  if (out.json) {
    const reports: unknown[] = [];
    for (const spec of specs) reports.push(await showJson(spec, options, context));
    out.writeJson(reports);
    return reports.some((r) => (r as { verification: { passed: boolean } | null }).verification?.passed !== true)
      ? 1
      : 0;
  }
  const { style } = out;
  for (const [i, spec] of specs.entries()) {
    if (i > 0) out.line();
    const name = spec.result.spec?.name?.value;
    out.line(style.bold(`━━ ${spec.path}${name ? ` — ${name}` : ''}`));
    const description = spec.result.spec?.description?.value;
    if (description) out.line(style.dim(description));
    for (const d of spec.result.diagnostics) out.lines(formatDiagnostic(diagnosticRecord(spec, d), style));
    out.lines(shapeLines(spec, style));
    const evaluated = evaluateLoaded(spec);
    if (!evaluated.ok) {
      out.line(style.red(l10n.t('values not computed: {0}', evaluated.reason)));
      status = 1;
      continue;
    }
    out.line();
    out.lines(valueLines(evaluated.evaluation, style, spec.result.plan));
    if (options.symbolic) {
      const { forward, layers } = evaluated.evaluation;
      out.line();
      out.lines(
        symbolicLines(
          [...(forward ? [forward] : []), ...layers].map((l) => l.plan),
          style,
        ),
      );
    }
    const verified = await verifyLoaded(spec, context, evaluated);
    out.line();
    if (!verified.ok) {
      out.line(style.red(l10n.t('not verified: {0}', verified.reason)));
      status = 1;
      continue;
    }
    out.lines(verificationLines(verified.verification, style));
    if (!verified.verification.passed) status = 1;
  }
  return status;
}
