import { numel, toNested, type Tensor } from '../../engine';
import * as l10n from '@vscode/l10n';
import { diagnosticRecord, formatDiagnostic } from '../diagnosticText';
import { evaluateLoaded } from '../evaluateLoaded';
import type { LoadedSpec } from '../load';
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

function showJson(spec: LoadedSpec, options: ShowOptions): unknown {
  const evaluated = evaluateLoaded(spec, true);
  const { plan } = spec.result;
  return {
    file: spec.path,
    name: spec.result.spec?.name?.value ?? null,
    diagnostics: spec.result.diagnostics.map((d) => diagnosticRecord(spec, d)),
    plan,
    values: evaluated.ok
      ? {
          input: tensorJson(evaluated.evaluation.input),
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
        }
      : { error: evaluated.reason },
    verification: evaluated.ok ? evaluated.verification : null,
  };
}

/** `tconv show`: shapes with formulas, grids, W and Wᵀ, the symbolic form with --symbolic, verifications. Exit 1 when a spec has errors or fails a verification. */
export function runShow(specs: readonly LoadedSpec[], out: Output, options: ShowOptions = {}): number {
  let status = 0;
  if (out.json) {
    const reports = specs.map((spec) => showJson(spec, options));
    out.writeJson(reports);
    return reports.some((r) => (r as { verification: { passed: boolean } | null }).verification?.passed !== true)
      ? 1
      : 0;
  }
  const { style } = out;
  specs.forEach((spec, i) => {
    if (i > 0) out.line();
    const name = spec.result.spec?.name?.value;
    out.line(style.bold(`━━ ${spec.path}${name ? ` — ${name}` : ''}`));
    const description = spec.result.spec?.description?.value;
    if (description) out.line(style.dim(description));
    for (const d of spec.result.diagnostics) out.lines(formatDiagnostic(diagnosticRecord(spec, d), style));
    out.lines(shapeLines(spec, style));
    const evaluated = evaluateLoaded(spec, true);
    if (!evaluated.ok) {
      out.line(style.red(l10n.t('values not computed: {0}', evaluated.reason)));
      status = 1;
      return;
    }
    out.line();
    out.lines(valueLines(evaluated.evaluation, style));
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
    if (evaluated.verification) {
      out.line();
      out.lines(verificationLines(evaluated.verification, style));
      if (!evaluated.verification.passed) status = 1;
    }
  });
  return status;
}
