/**
 * Fixes for the usual ways of miswriting `verify`: one name without the list ("verify": "matrix"), "all" inside
 * the list (["all"]), and a name listed twice (the repeat is removed). Misspelt names are the schema's
 * did-you-mean (schemaMessages.ts).
 */
import * as l10n from '@vscode/l10n';
import type { ErrorObject } from 'ajv';
import type { Fix } from './diagnostics';
import { closestNames } from './didYouMean';
import { replaceEdit } from './edits';
import { arrayItem, type JsonNode, type JsonPath } from './jsonTree';
import { VERIFY_NAMES } from './model';

export interface VerifyProblem {
  /** The token to mark, when it is not the one the schema error names. */
  readonly at?: JsonNode;
  readonly fixes: readonly Fix[];
}

const isVerify = (path: JsonPath) => path[0] === 'verify';

/** The text without item `index` of the array and one comma next to it. */
function removeItemEdit(array: JsonNode, index: number): { offset: number; length: number; newText: string } {
  const item = arrayItem(array, index)!;
  const previous = index > 0 ? arrayItem(array, index - 1) : undefined;
  const next = arrayItem(array, index + 1);
  const start = previous ? previous.offset + previous.length : item.offset;
  const end = previous ? item.offset + item.length : next ? next.offset : item.offset + item.length;
  return { offset: start, length: end - start, newText: '' };
}

function wrapFixes(node: JsonNode): Fix[] {
  if (node.type !== 'string' || typeof node.value !== 'string') return [];
  const value = node.value;
  const names = (VERIFY_NAMES as readonly string[]).includes(value) ? [value] : closestNames(value, VERIFY_NAMES);
  return names.map((name) => {
    const list = `[${JSON.stringify(name)}]`;
    return {
      title: l10n.t('Change to {0}', list),
      edits: [replaceEdit(node, list)],
      isPreferred: names.length === 1,
    };
  });
}

/** The fixes of a schema error about `verify`; undefined for errors elsewhere, left to the general fixes. */
export function verifyProblem(error: ErrorObject, node: JsonNode, path: JsonPath): VerifyProblem | undefined {
  if (!isVerify(path)) return undefined;
  if ((error.keyword === 'anyOf' || error.keyword === 'oneOf') && path.length === 1) {
    const fixes = wrapFixes(node);
    return fixes.length > 0 ? { fixes } : undefined;
  }
  if (error.keyword === 'enum' && path.length === 2 && String(node.value).toLowerCase() === 'all' && node.parent) {
    return {
      fixes: [
        { title: l10n.t('Change verify to "all"'), edits: [replaceEdit(node.parent, '"all"')], isPreferred: true },
      ],
    };
  }
  if (error.keyword === 'uniqueItems' && path.length === 1 && node.type === 'array') {
    const repeat = Math.max(Number(error.params.i), Number(error.params.j));
    const item = arrayItem(node, repeat);
    if (!item) return undefined;
    return {
      at: item,
      fixes: [
        {
          title: l10n.t('Remove the repeated {0}', JSON.stringify(item.value)),
          edits: [removeItemEdit(node, repeat)],
          isPreferred: true,
        },
      ],
    };
  }
  return undefined;
}
