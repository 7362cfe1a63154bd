/** The element cap, checked on shapes alone so an oversized spec never allocates anything. */
import * as l10n from '@vscode/l10n';
import { numel } from '../engine';
import type { Span } from './edits';
import { formatCount, formatDims } from './format';
import { capitalize } from './labels';
import type { Reporter } from './reporter';

/** True when the tensor fits (`what`: a translated noun phrase, "the input", "layer 2's kernel"); otherwise reports size-cap at `at`, e.g. "1×1000×1000×1000 = 10⁹ elements". */
export function checkCap(
  shape: readonly number[],
  what: string,
  at: Span,
  maxElements: number,
  reporter: Reporter,
): boolean {
  const elements = numel(shape);
  if (elements <= maxElements) return true;
  reporter.report(
    'size-cap',
    l10n.t(
      '{0} would have {1} = {2} elements, above the cap of {3}; nothing was computed.',
      capitalize(what),
      formatDims(shape),
      formatCount(elements),
      formatCount(maxElements),
    ),
    at,
  );
  return false;
}
