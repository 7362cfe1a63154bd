/** The element cap, checked on shapes alone so an oversized spec never allocates anything. */
import { numel } from '../engine';
import type { Span } from './edits';
import { formatCount, formatDims } from './format';
import { capitalize } from './labels';
import type { Reporter } from './reporter';

/** True when the tensor fits; otherwise reports size-cap at `at`, e.g. "1×1000×1000×1000 = 10⁹ elements". */
export function checkCap(shape: readonly number[], what: string, at: Span, maxElements: number, reporter: Reporter): boolean {
  const elements = numel(shape);
  if (elements <= maxElements) return true;
  reporter.report(
    'size-cap',
    `${capitalize(what)} would have ${formatDims(shape)} = ${formatCount(elements)} elements, above the cap of ${formatCount(maxElements)}; nothing was computed.`,
    at,
  );
  return false;
}
