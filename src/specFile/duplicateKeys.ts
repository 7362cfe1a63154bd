import * as l10n from '@vscode/l10n';
import type { SpecDiagnostic } from './diagnostics';
import { isNumbersOnlyArray, propertiesOf, propertyKey, type JsonNode } from './jsonTree';

/** JSON keeps the last of two equal keys; the earlier one is silently lost, which hides typos. */
export function findDuplicateKeys(root: JsonNode): SpecDiagnostic[] {
  const diagnostics: SpecDiagnostic[] = [];
  const visit = (node: JsonNode): void => {
    if (node.type === 'object') {
      const seen = new Map<string, JsonNode>();
      for (const property of propertiesOf(node)) {
        const name = propertyKey(property);
        const keyNode = property.children?.[0];
        if (name === undefined || !keyNode) continue;
        const earlier = seen.get(name);
        if (earlier) {
          diagnostics.push({
            code: 'duplicate-key',
            severity: 'warning',
            message: l10n.t(
              '"{0}" is written twice in this object; only the last one counts, this one is ignored.',
              name,
            ),
            offset: earlier.offset,
            length: earlier.length,
            related: [
              { offset: keyNode.offset, length: keyNode.length, message: l10n.t('the "{0}" that counts', name) },
            ],
          });
        }
        seen.set(name, keyNode);
      }
    }
    // Not into arrays of numbers, so that a pasted one's numbers never become nodes.
    if (!isNumbersOnlyArray(node)) for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return diagnostics;
}
