/** Checks a parsed spec against schemas/tconv.schema.json and puts each problem on the exact token. */
import * as l10n from '@vscode/l10n';
import type { ErrorObject } from 'ajv';
import type { SpecDiagnostic, TextEdit } from './diagnostics';
import { replaceEdit } from './edits';
import { arrayItem, keyNodeOf, valueOf, type JsonNode } from './jsonTree';
import { ALL_ERRORS_MAX_NODES, largerThan, prepareLargeDocument } from './largeDocument';
import { emptyLayersFix } from './emptyLayersFix';
import { schemaValueFixes } from './schemaFixes';
import { schemaMessage, type Located } from './schemaMessages';
import { verifyProblem } from './verifyFixes';

import { validate as validateAgainstSchema } from './generated/validateSchema';

/** The node a JSON pointer names, and its path; stops at the deepest node that exists. */
function locate(root: JsonNode, pointer: string): Located {
  const segments =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node = root;
  const path: (string | number)[] = [];
  for (const segment of segments) {
    let next: JsonNode | undefined;
    if (node.type === 'object') {
      const property = [...(node.children ?? [])].reverse().find((p) => p.children?.[0]?.value === segment);
      next = property?.children?.[1];
      if (next) path.push(segment);
    } else if (node.type === 'array') {
      next = arrayItem(node, Number(segment));
      if (next) path.push(Number(segment));
    }
    if (!next) break;
    node = next;
  }
  return { node, path };
}

/** Errors from the branches of anyOf/oneOf keywords, and the keyword errors themselves, replaced by the best explanation. */
function dedupeAlternatives(errors: ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  let kept = errors.filter((e) => e.keyword !== 'if');
  for (const combinator of combinators) {
    const prefix = `${combinator.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of kept) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      const list = branches.get(branch);
      if (list) list.push(e);
      else branches.set(branch, [e]);
    }
    // A branch whose type, const or enum fails at the value itself describes another kind of value: not the one meant.
    const wrongKind = (e: ErrorObject) =>
      e.instancePath === combinator.instancePath && ['type', 'const', 'enum'].includes(e.keyword);
    const matchedShape = [...branches.values()].filter((list) => !list.some(wrongKind));
    const best = matchedShape.sort((a, b) => a.length - b.length)[0];
    // concat, not push(...): a spread of 100,000 errors overflows the stack.
    kept = kept.filter((e) => !e.schemaPath.startsWith(prefix) && e !== combinator).concat(best ?? [combinator]);
  }
  return kept;
}

/** One diagnostic per distinct problem; a wrong type hides the other complaints about the same value. */
function dedupeSamePlace(errors: ErrorObject[]): ErrorObject[] {
  const typeErrorPaths = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (
      e.keyword !== 'type' &&
      typeErrorPaths.has(e.instancePath) &&
      e.keyword !== 'additionalProperties' &&
      e.keyword !== 'required'
    )
      return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toDiagnostic(error: ErrorObject, root: JsonNode): SpecDiagnostic {
  const target = locate(root, error.instancePath);
  const message = schemaMessage(error, target);
  const base = { code: 'schema' as const, severity: 'error' as const, message: message.text };
  const suggestions = message.suggestions ?? [];
  if (error.keyword === 'additionalProperties') {
    const name = String(error.params.additionalProperty);
    const property = (target.node.children ?? []).find((p) => p.children?.[0]?.value === name);
    const key = property?.children?.[0] ?? target.node;
    const fixes = suggestions.map((suggestion) => ({
      title: l10n.t('Rename to "{0}"', suggestion),
      edits: [replaceEdit(key, JSON.stringify(suggestion))],
      isPreferred: suggestions.length === 1,
    }));
    return { ...base, offset: key.offset, length: key.length, fixes };
  }
  if (error.keyword === 'required' || error.keyword === 'false schema') {
    const key = keyNodeOf(target.node);
    const span = key ?? { offset: target.node.offset, length: 1 };
    // A property the schema forbids where it is written (outputPadding on a conv layer) has one remedy: remove it.
    const removal = error.keyword === 'false schema' && key ? removePropertyEdit(target.node) : undefined;
    const fixes = removal
      ? [{ title: l10n.t('Remove "{0}"', String(key?.value)), edits: [removal], isPreferred: true }]
      : [];
    return { ...base, offset: span.offset, length: span.length, fixes };
  }
  const verify = suggestions.length === 0 ? verifyProblem(error, target.node, target.path) : undefined;
  if (verify) {
    const at = verify.at ?? target.node;
    return { ...base, offset: at.offset, length: at.length, fixes: verify.fixes };
  }
  if (error.keyword === 'minItems' && target.path.length === 1 && target.path[0] === 'layers') {
    return {
      ...base,
      offset: target.node.offset,
      length: target.node.length,
      fixes: emptyLayersFix(root, target.node),
    };
  }
  const fixes =
    suggestions.length > 0
      ? suggestions.map((suggestion) => ({
          title: l10n.t('Change to {0}', JSON.stringify(suggestion)),
          edits: [replaceEdit(target.node, JSON.stringify(suggestion))],
          isPreferred: suggestions.length === 1,
        }))
      : schemaValueFixes(error, target.node);
  return { ...base, offset: target.node.offset, length: target.node.length, fixes };
}

/** Deletes the property holding `value`, with the comma that separates it from a neighbour. */
function removePropertyEdit(value: JsonNode): TextEdit | undefined {
  const property = value.parent;
  const siblings = property?.parent?.children ?? [];
  const index = property ? siblings.indexOf(property) : -1;
  if (!property || index < 0) return undefined;
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  const start = previous ? previous.offset + previous.length : property.offset;
  const end = previous || !next ? property.offset + property.length : next.offset;
  return { offset: start, length: end - start, newText: '' };
}

const MAX_SCHEMA_DIAGNOSTICS = 50;

export function checkSchema(root: JsonNode): SpecDiagnostic[] {
  // A large document is prepared first, so ajv's allErrors mode stays linear (largeDocument.ts).
  const { value, errors: found } = largerThan(root, ALL_ERRORS_MAX_NODES)
    ? prepareLargeDocument(root)
    : { value: valueOf(root), errors: [] };
  const valid = validateAgainstSchema(value);
  if (valid && found.length === 0) return [];
  const errors = dedupeSamePlace(
    dedupeAlternatives([...found, ...(valid ? [] : (validateAgainstSchema.errors ?? []))]),
  );
  return errors.slice(0, MAX_SCHEMA_DIAGNOSTICS).map((e) => toDiagnostic(e, root));
}
