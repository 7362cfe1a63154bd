/** Human wording for ajv's errors: name the field, say what is allowed, and suggest the likely intended value. */
import * as l10n from '@vscode/l10n';
import type { ErrorObject } from 'ajv';
import schema from '../../schemas/tconv.schema.json';
import { closestNames } from './didYouMean';
import { aliasOf } from './valueAliases';
import { formatOr, formatPath } from './format';
import { capitalize } from './labels';
import { itemCount, valueOf, type JsonNode, type JsonPath } from './jsonTree';

export interface Located {
  readonly node: JsonNode;
  readonly path: JsonPath;
}

export interface SchemaMessage {
  readonly text: string;
  /** Replacements, the likeliest first: property names for unknown keys, values for enum/const errors. */
  readonly suggestions?: readonly string[];
}

type SchemaFragment = {
  type?: string | string[];
  anyOf?: SchemaFragment[];
  oneOf?: SchemaFragment[];
  items?: SchemaFragment;
  const?: unknown;
  enum?: unknown[];
  $ref?: string;
};

/** The fragment a local "$ref" ("#/definitions/nestedNumbers") points to; the fragment itself otherwise. */
function resolveRef(fragment: SchemaFragment): SchemaFragment {
  if (!fragment.$ref?.startsWith('#/')) return fragment;
  let target: unknown = schema;
  for (const segment of fragment.$ref.slice(2).split('/'))
    target = (target as Record<string, unknown> | undefined)?.[segment];
  return typeof target === 'object' && target !== null ? (target as SchemaFragment) : fragment;
}

/** The JSON types a fragment allows (through anyOf/oneOf); undefined when it does not say. */
function allowedTypes(fragment: SchemaFragment | undefined): Set<string> | undefined {
  if (!fragment) return undefined;
  const resolved = resolveRef(fragment);
  const branches = resolved.anyOf ?? resolved.oneOf;
  if (branches) {
    const types = new Set<string>();
    for (const branch of branches) {
      const inner = allowedTypes(branch);
      if (!inner) return undefined;
      inner.forEach((t) => types.add(t));
    }
    return types;
  }
  if (resolved.type === undefined) return undefined;
  return new Set(Array.isArray(resolved.type) ? resolved.type : [resolved.type]);
}

/** Whether a value has a type the fragment allows: a renamed property should be able to hold its value. */
function fitsType(fragment: SchemaFragment | undefined, node: JsonNode): boolean {
  const types = allowedTypes(fragment);
  if (!types) return true;
  if (node.type === 'number')
    return types.has('number') || (types.has('integer') && Number.isInteger(node.value as number));
  return types.has(node.type);
}

/** A string, number, boolean or null as its value; undefined for a list or an object (a pasted array is never built). */
function scalarValue(node: JsonNode): unknown {
  return node.type === 'array' || node.type === 'object' ? undefined : valueOf(node);
}

function describeValue(node: JsonNode): string {
  switch (node.type) {
    case 'number':
      if (!Number.isFinite(node.value)) return l10n.t('a number beyond the range of float64');
      return Number.isInteger(node.value)
        ? l10n.t('the integer {0}', String(node.value))
        : l10n.t('the number {0}', String(node.value));
    case 'string':
      return l10n.t('the string {0}', JSON.stringify(node.value));
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return l10n.t('a list');
    default:
      return l10n.t('an object');
  }
}

/** A JSON schema type in words: "an integer", "a list" (JSON literals such as null stay as written). */
function typeWords(type: string): string {
  switch (type) {
    case 'integer':
      return l10n.t('an integer');
    case 'number':
      return l10n.t('a number');
    case 'string':
      return l10n.t('a string');
    case 'object':
      return l10n.t('an object');
    case 'array':
      return l10n.t('a list');
    default:
      return type;
  }
}

/** "a list of integers": a list whose items have one schema type. */
function listOf(itemType: string): string {
  switch (itemType) {
    case 'integer':
      return l10n.t('a list of integers');
    case 'number':
      return l10n.t('a list of numbers');
    case 'string':
      return l10n.t('a list of strings');
    case 'object':
      return l10n.t('a list of objects');
    case 'boolean':
      return l10n.t('a list of booleans');
    default:
      return l10n.t('a list of {0} values', itemType);
  }
}

const jsonList = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

/** '"a" or "b"' */
const quotedOr = (names: readonly string[]): string => formatOr(names.map((n) => JSON.stringify(n)));

/** "an integer or a list of integers", "true, false or an object" */
function alternatives(fragment: SchemaFragment): string[] {
  if (fragment.const !== undefined) return [JSON.stringify(fragment.const)];
  if (fragment.enum) return [l10n.t('one of {0}', jsonList(fragment.enum))];
  const types = Array.isArray(fragment.type) ? fragment.type : fragment.type ? [fragment.type] : [];
  return types.flatMap((t) => {
    if (t === 'boolean') return ['true', 'false'];
    if (t !== 'array' || !fragment.items) return [typeWords(t)];
    // Items given by reference (nested numbers, the layer object) are described by what they refer to.
    const items = resolveRef(fragment.items);
    if (items.enum) return [l10n.t('a list of {0}', jsonList(items.enum))];
    const itemTypes = Array.isArray(items.type) ? items.type : items.type ? [items.type] : [];
    if (itemTypes.includes('array')) return [l10n.t('a nested list of numbers')];
    return [itemTypes[0] ? listOf(itemTypes[0]) : l10n.t('a list')];
  });
}

function joinAlternatives(words: readonly string[]): string {
  return words.length === 0 ? l10n.t('valid') : formatOr(words);
}

function describeSchema(fragment: SchemaFragment): string {
  return joinAlternatives(alternatives(fragment));
}

/** The field's name as the subject of a message: its path, or "The spec" for the root. */
function subjectOf(path: JsonPath): string {
  return path.length === 0 ? capitalize(l10n.t('the spec')) : formatPath(path);
}

export function schemaMessage(error: ErrorObject, at: Located): SchemaMessage {
  return describeError(error, at);
}

function describeError(error: ErrorObject, at: Located): SchemaMessage {
  const field = subjectOf(at.path);
  const parent = (error.parentSchema ?? {}) as SchemaFragment & { properties?: Record<string, unknown> };
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const value = (at.node.children ?? []).find((p) => p.children?.[0]?.value === name)?.children?.[1];
      const properties = parent.properties ?? {};
      const suggestions = closestNames(name, allowed).filter(
        (key) => !value || fitsType(properties[key] as SchemaFragment, value),
      );
      const where = formatPath(at.path);
      return {
        text:
          suggestions.length > 0
            ? l10n.t(
                'Unknown property "{0}" in {1}. Did you mean {2}? Allowed: {3}.',
                name,
                where,
                quotedOr(suggestions),
                allowed.join(', '),
              )
            : l10n.t('Unknown property "{0}" in {1}. Allowed: {2}.', name, where, allowed.join(', ')),
        suggestions,
      };
    }
    case 'required':
      return { text: l10n.t('{0} needs "{1}".', field, String(error.params.missingProperty)) };
    case 'type':
      return { text: l10n.t('{0} must be {1}, not {2}.', field, describeSchema(parent), describeValue(at.node)) };
    case 'pattern':
      // The one string pattern: padding's "same" / "valid" (TensorFlow/Keras), beside PyTorch's numbers.
      return {
        text: l10n.t(
          '{0} is {1}: write a number, one per dimension, or "same" / "valid" (TensorFlow/Keras).',
          field,
          describeValue(at.node),
        ),
      };
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]) ?? [];
      const value = scalarValue(at.node);
      const strings = allowed.filter((v): v is string => typeof v === 'string');
      const alias = typeof value === 'string' ? aliasOf(value, strings) : undefined;
      const suggestions = alias ? [alias] : typeof value === 'string' ? closestNames(value, strings) : [];
      return {
        text:
          suggestions.length > 0
            ? l10n.t(
                '{0} must be one of {1}, not {2}. Did you mean {3}?',
                field,
                jsonList(allowed),
                String(JSON.stringify(value)),
                quotedOr(suggestions),
              )
            : l10n.t(
                '{0} must be one of {1}, not {2}.',
                field,
                jsonList(allowed),
                value === undefined ? describeValue(at.node) : String(JSON.stringify(value)),
              ),
        suggestions,
      };
    }
    case 'const':
      return { text: l10n.t('{0} must be {1}.', field, String(JSON.stringify(error.params.allowedValue))) };
    case 'anyOf':
    case 'oneOf': {
      const branches = (error.schema as SchemaFragment[] | undefined) ?? [];
      const value = scalarValue(at.node);
      const constants = branches.flatMap((b) => (typeof b.const === 'string' ? [b.const] : []));
      const suggestions = typeof value === 'string' ? closestNames(value, constants) : [];
      return {
        text: l10n.t(
          '{0} must be {1}, not {2}.',
          field,
          joinAlternatives(branches.flatMap(alternatives)),
          describeValue(at.node),
        ),
        suggestions,
      };
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        text: l10n.t('{0} must be at least {1}, not {2}.', field, String(error.params.limit), String(valueOf(at.node))),
      };
    case 'maximum':
      return {
        text: l10n.t('{0} must be at most {1}, not {2}.', field, String(error.params.limit), String(valueOf(at.node))),
      };
    case 'minItems':
      return {
        text:
          error.params.limit === 1
            ? l10n.t('{0} needs at least 1 entry.', field)
            : l10n.t('{0} needs at least {1} entries.', field, String(error.params.limit)),
      };
    case 'maxItems': {
      const count = itemCount(at.node);
      return {
        text:
          error.params.limit === 1
            ? l10n.t('{0} takes at most 1 entry, it has {1}.', field, count)
            : l10n.t('{0} takes at most {1} entries, it has {2}.', field, String(error.params.limit), count),
      };
    }
    case 'uniqueItems': {
      const entries = valueOf(at.node) as unknown[];
      return { text: l10n.t('{0} lists {1} twice.', field, String(JSON.stringify(entries[Number(error.params.i)]))) };
    }
    case 'false schema': {
      const last = at.path[at.path.length - 1];
      if (last === 'outputPadding')
        return {
          text: l10n.t('outputPadding applies only to transposed convolutions; this layer has "type": "conv".'),
        };
      return { text: l10n.t('{0} is not allowed here.', field) };
    }
    default:
      // Only for keywords the schema does not use today; ajv's own wording is quoted as it is.
      return {
        text: error.message
          ? l10n.t('{0} is not valid: {1}.', field, error.message)
          : l10n.t('{0} is not valid.', field),
      };
  }
}
