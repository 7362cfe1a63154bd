/**
 * The fix for a bias whose length is not the layer's output channel count: written values are padded with zeros
 * or truncated to that count (whichever applies), a written shape is set to it.
 */
import * as l10n from '@vscode/l10n';
import type { Fix, TextEdit } from './diagnostics';
import { replaceEdit } from './edits';
import { formatList } from './format';
import { arrayItem, type JsonNode } from './jsonTree';
import type { BiasModel } from './model';

/** Extends or cuts the 1-D data array at the end, keeping the values that stay. */
function resizeDataEdit(node: JsonNode | undefined, from: number, to: number): TextEdit | undefined {
  if (!node || node.type !== 'array') return undefined;
  const last = arrayItem(node, from - 1);
  if (!last) return undefined;
  const lastEnd = last.offset + last.length;
  if (to > from) return { offset: lastEnd, length: 0, newText: ', 0'.repeat(to - from) };
  const keptLast = arrayItem(node, to - 1);
  if (!keptLast) return undefined;
  const keptEnd = keptLast.offset + keptLast.length;
  return { offset: keptEnd, length: lastEnd - keptEnd, newText: '' };
}

export function biasLengthFixes(bias: BiasModel | undefined, length: number, channels: number): Fix[] {
  const tensor = bias?.tensor;
  if (!tensor || length < 1 || channels < 1 || length === channels) return [];
  const edits: TextEdit[] = [];
  if (tensor.shape) edits.push(replaceEdit(tensor.shape.ref, formatList([channels])));
  if (tensor.data) {
    const resize = resizeDataEdit(tensor.data.node, length, channels);
    if (!resize) return [];
    edits.push(resize);
    const title =
      channels > length
        ? l10n.t('Pad the bias with zeros to {0} values (one per output channel)', channels)
        : channels === 1
          ? l10n.t('Truncate the bias to its first value (one per output channel)')
          : l10n.t('Truncate the bias to its first {0} values (one per output channel)', channels);
    return [{ title, edits, isPreferred: true }];
  }
  return edits.length > 0
    ? [{ title: l10n.t('Set the bias shape to {0}', formatList([channels])), edits, isPreferred: true }]
    : [];
}
