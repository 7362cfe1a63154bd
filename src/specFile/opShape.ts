/** What planning one chain layer gives (its op, per-axis sizes, channels) and the checks every layer type shares. */
import * as l10n from '@vscode/l10n';
import type { DimCalc } from '../engine';
import type { Span } from './edits';
import { capitalize, layerLabel } from './labels';
import { EXACT_TERM_LIMIT } from './layerProblems';
import type { IntOrTupleField } from './model';
import type { ChainOpPlan, OpRequest } from './planOp';
import type { Reporter } from './reporter';

export interface OpShape {
  readonly op: ChainOpPlan;
  readonly dims: readonly DimCalc[];
  readonly channels: number;
  readonly params?: { stride: number[]; padding: number[]; dilation: number[] };
}

/** Refuses (as size-cap, on `at`) a size term beyond the range where float64 integers stay exact. */
export function inexact(req: OpRequest, terms: readonly number[], at: Span, reporter: Reporter): boolean {
  if (terms.every((t) => Math.abs(t) <= EXACT_TERM_LIMIT)) return false;
  reporter.report(
    'size-cap',
    l10n.t(
      "{0}'s output size cannot be computed exactly: a term is beyond 2⁵¹ (tconv computes sizes in float64, exact only up to 2⁵³); nothing was computed.",
      capitalize(layerLabel(req.spec, req.layer.index, req.layer)),
    ),
    at,
  );
  return true;
}

export function itemSpan(field: IntOrTupleField | undefined, d: number, fallback: Span): Span {
  if (!field) return fallback;
  return field.items.length > d ? field.items[d] : field.ref;
}

export function nonPositive(
  req: OpRequest,
  calcs: readonly DimCalc[],
  at: (d: number) => Span,
  reporter: Reporter,
): boolean {
  const bad = calcs.flatMap((c, d) => (c.out < 1 ? [d] : []));
  for (const d of bad)
    reporter.report(
      'output-size-nonpositive',
      l10n.t(
        '{0} would output {1} = {2}: it removes more rows than its input has ({1}_out = {3}).',
        capitalize(layerLabel(req.spec, req.layer.index, req.layer)),
        calcs[d].axis,
        calcs[d].out,
        calcs[d].substituted,
      ),
      at(d),
    );
  return bad.length > 0;
}
