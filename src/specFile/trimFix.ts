/**
 * A trim that removes a layer's whole output: one diagnostic for every axis it empties, on the field to change
 * (the trim as a whole when both ends trim), with the fix that keeps the begin and trims the end so that one
 * row is left (the begin too, when it alone removes everything).
 */
import * as l10n from '@vscode/l10n';
import type { Fix, TextEdit } from './diagnostics';
import { replaceEdit, type Span } from './edits';
import { formatAnd, formatList } from './format';
import type { IntOrTupleField, TrimModel } from './model';
import type { Reporter } from './reporter';

export interface TrimAxis {
  readonly axis: string;
  /** The layer's output along the axis before the trim. */
  readonly out: number;
}

/** The largest values, at most the written ones, that each leave a row: a scalar must fit every axis. */
function largestFitting(field: IntOrTupleField | undefined, limits: readonly number[]): number[] | undefined {
  if (!field) return undefined;
  const written = typeof field.value === 'number' ? limits.map(() => field.value as number) : field.value;
  const fitted = written.map((v, d) => Math.max(0, Math.min(v, limits[d])));
  return typeof field.value === 'number' ? fitted.map(() => Math.min(...fitted)) : fitted;
}

function fieldEdits(field: IntOrTupleField | undefined, values: readonly number[] | undefined): TextEdit[] {
  if (!field || !values) return [];
  if (typeof field.value === 'number')
    return values[0] === field.value ? [] : [replaceEdit(field.ref, String(values[0]))];
  const written = field.value;
  return field.items.flatMap((item, d) => (values[d] !== written[d] ? [replaceEdit(item, String(values[d]))] : []));
}

const isZero = (field: IntOrTupleField | undefined) =>
  !field || (typeof field.value === 'number' ? field.value === 0 : field.value.every((v) => v === 0));

export function reportTrimTooLarge(
  label: string,
  trim: TrimModel,
  axes: readonly TrimAxis[],
  begin: readonly number[],
  end: readonly number[],
  reporter: Reporter,
): void {
  const emptied = axes.flatMap((a, d) => (a.out - begin[d] - end[d] <= 0 ? [d] : []));
  if (emptied.length === 0) return;
  const newBegin = largestFitting(
    trim.begin,
    axes.map((a) => a.out - 1),
  );
  const keptBegin = newBegin ?? begin;
  const newEnd = largestFitting(
    trim.end,
    axes.map((a, d) => a.out - 1 - keptBegin[d]),
  );
  const edits = [...fieldEdits(trim.begin, newBegin), ...fieldEdits(trim.end, newEnd)];
  const only = isZero(trim.begin) ? trim.end : isZero(trim.end) ? trim.begin : undefined;
  const onlyItem = only && emptied.length === 1 && only.items.length > emptied[0] ? only.items[emptied[0]] : undefined;
  const at: Span = onlyItem ?? only?.ref ?? trim.ref;
  const removed = formatAnd(
    emptied.map((d) => l10n.t('{0} + {1} of {2}_out = {3}', begin[d], end[d], axes[d].axis, axes[d].out)),
  );
  const beginText = newBegin && fieldEdits(trim.begin, newBegin).length > 0 ? formatValues(trim.begin, newBegin) : '';
  const endText = newEnd && fieldEdits(trim.end, newEnd).length > 0 ? formatValues(trim.end, newEnd) : '';
  const title =
    beginText && endText
      ? l10n.t('Set trim.begin to {0} and trim.end to {1}, leaving one row', beginText, endText)
      : beginText
        ? l10n.t('Set trim.begin to {0}, leaving one row', beginText)
        : l10n.t('Set trim.end to {0}, leaving one row', endText);
  const fixes: Fix[] = edits.length > 0 ? [{ title, edits, isPreferred: true }] : [];
  reporter.report('trim-too-large', l10n.t('{0}: trim removes {1}, leaving nothing.', label, removed), at, { fixes });
}

const formatValues = (field: IntOrTupleField | undefined, values: readonly number[]): string =>
  field && typeof field.value !== 'number' ? formatList(values) : String(values[0]);
