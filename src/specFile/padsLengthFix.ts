/**
 * The fix for ONNX `pads` of the wrong length, when what was meant is clear: one value (the same padding
 * everywhere) or one value per dimension (the same at both ends, as PyTorch's padding) becomes the full
 * [x1_begin, x2_begin, …, x1_end, x2_end, …]. Other lengths are left to the user.
 */
import * as l10n from '@vscode/l10n';
import type { Fix } from './diagnostics';
import { replaceEdit } from './edits';
import { formatList } from './format';
import type { Dims, NumberListField } from './model';

export function padsLengthFixes(pads: NumberListField, dims: Dims): Fix[] {
  const written = pads.value;
  let begin: number[];
  if (written.length === 1) begin = new Array<number>(dims).fill(written[0]);
  else if (written.length === dims) begin = [...written];
  else return [];
  const full = formatList([...begin, ...begin]);
  return [
    {
      title: l10n.t('Write the same padding at both ends: "pads": {0}', full),
      edits: [replaceEdit(pads.ref, full)],
      isPreferred: true,
    },
  ];
}
