/**
 * With "dtype": "float32" a number beyond float32's range (|x| > 3.4028234663852886e38) is stored as ±Infinity,
 * which then spreads through the output silently: say so on the number, and offer float64.
 */
import * as l10n from '@vscode/l10n';
import type { SpecDiagnostic } from './diagnostics';
import { replaceEdit } from './edits';
import { maxFiniteMagnitude, type JsonNode } from './jsonTree';
import type { SpecModel } from './model';

const FLOAT32_MAX = 3.4028234663852886e38;
/** The first few are enough to see the problem; a 10 MB array must not yield a million warnings. */
const MAX_REPORTED = 10;
/** Tensor values: items of a "data" array, and the numbers an "init" reads. */
const VALUE_KEYS = new Set(['value', 'low', 'high', 'start', 'step']);

function isTensorValue(node: JsonNode): boolean {
  const parent = node.parent;
  if (parent?.type === 'array') return true;
  return parent?.type === 'property' && VALUE_KEYS.has(String(parent.children?.[0]?.value));
}

export function findFloat32Overflows(root: JsonNode, spec: SpecModel): SpecDiagnostic[] {
  if (spec.dtype !== 'float32') return [];
  const diagnostics: SpecDiagnostic[] = [];
  const pending: JsonNode[] = [root];
  while (pending.length > 0 && diagnostics.length < MAX_REPORTED) {
    const node = pending.pop() as JsonNode;
    // An array's items are walked only when one is out of range: a 10 MB paste's numbers become nodes only then.
    if (node.type === 'array' && maxFiniteMagnitude(node) <= FLOAT32_MAX) continue;
    if (node.children) for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
    const value = node.value as number;
    if (node.type !== 'number' || !Number.isFinite(value) || Math.abs(value) <= FLOAT32_MAX || !isTensorValue(node))
      continue;
    diagnostics.push({
      code: 'float32-range',
      severity: 'warning',
      message: l10n.t(
        '{0} is beyond float32\'s range (±3.4·10³⁸): with "dtype": "float32" it becomes {1}, and so does every output it reaches.',
        String(value),
        value > 0 ? 'Infinity' : '-Infinity',
      ),
      offset: node.offset,
      length: node.length,
      fixes: spec.dtypeField
        ? [
            {
              title: l10n.t('Compute in float64 ("dtype": "float64")'),
              edits: [replaceEdit(spec.dtypeField.ref, '"float64"')],
              isPreferred: true,
            },
          ]
        : [],
    });
  }
  return diagnostics;
}
