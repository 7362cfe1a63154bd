import * as l10n from '@vscode/l10n';
import type { Fix, TextEdit } from './diagnostics';
import { replaceEdit } from './edits';
import { formatList } from './format';
import type { LayerSpecModel } from './model';
import type { Reporter } from './reporter';

/** "1" when every dimension agrees, else "[1, 0]". */
export function perDimensionText(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : formatList(values);
}

/** The smallest edit that sets a transposed layer's outputPadding to `values` (one per dimension). */
export function setOutputPaddingFix(
  layer: LayerSpecModel,
  values: readonly number[],
  reporter: Reporter,
): Fix | undefined {
  const field = layer.outputPadding;
  const text = perDimensionText(values);
  let edits: TextEdit[];
  if (field && field.items.length === values.length) {
    edits = field.items.flatMap((item, d) =>
      (field.value as number[])[d] !== values[d] ? [replaceEdit(item, String(values[d]))] : [],
    );
  } else if (field) {
    edits = [replaceEdit(field.ref, text)];
  } else {
    const insert = reporter.insertProperty(layer.ref.path, 'outputPadding', text);
    if (!insert) return undefined;
    edits = [insert];
  }
  return { title: l10n.t('Set outputPadding to {0}', text), edits, isPreferred: true };
}
