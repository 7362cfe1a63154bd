/** Human wording for ajv's errors: name the field, say what is allowed, and suggest the likely intended value. */
import type { ErrorObject } from 'ajv';
import schema from '../../schemas/tconv.schema.json';
import { closestName } from './didYouMean';
import { formatPath } from './format';
import { valueOf, type JsonNode, type JsonPath } from './jsonTree';

export interface Located {
  readonly node: JsonNode;
  readonly path: JsonPath;
}

export interface SchemaMessage {
  readonly text: string;
  /** A replacement: the property name for unknown keys, the value for enum/const errors. */
  readonly suggestion?: string | number;
}

type SchemaFragment = { type?: string | string[]; items?: SchemaFragment; const?: unknown; enum?: unknown[]; $ref?: string };

/** The fragment a local "$ref" ("#/definitions/nestedNumbers") points to; the fragment itself otherwise. */
function resolveRef(fragment: SchemaFragment): SchemaFragment {
  if (!fragment.$ref?.startsWith('#/')) return fragment;
  let target: unknown = schema;
  for (const segment of fragment.$ref.slice(2).split('/')) target = (target as Record<string, unknown> | undefined)?.[segment];
  return typeof target === 'object' && target !== null ? (target as SchemaFragment) : fragment;
}

function describeValue(node: JsonNode): string {
  switch (node.type) {
    case 'number':
      if (!Number.isFinite(node.value)) return 'a number beyond the range of float64';
      return Number.isInteger(node.value) ? `the integer ${node.value}` : `the number ${node.value}`;
    case 'string':
      return `the string ${JSON.stringify(node.value)}`;
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return 'a list';
    default:
      return 'an object';
  }
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

/** "an integer or a list of integers", "true, false or an object" */
function alternatives(fragment: SchemaFragment): string[] {
  if (fragment.const !== undefined) return [JSON.stringify(fragment.const)];
  if (fragment.enum) return [`one of ${fragment.enum.map((v) => JSON.stringify(v)).join(', ')}`];
  const types = Array.isArray(fragment.type) ? fragment.type : fragment.type ? [fragment.type] : [];
  return types.flatMap((t) => {
    if (t === 'boolean') return ['true', 'false'];
    if (t !== 'array' || !fragment.items) return [TYPE_WORDS[t] ?? t];
    // Items given by reference (nested numbers, the layer object) are described by what they refer to.
    const items = resolveRef(fragment.items);
    if (items.enum) return [`a list of ${items.enum.map((v) => JSON.stringify(v)).join(', ')}`];
    const itemTypes = Array.isArray(items.type) ? items.type : items.type ? [items.type] : [];
    if (itemTypes.includes('array')) return ['a nested list of numbers'];
    return [itemTypes[0] ? `a list of ${itemTypes[0]}s` : 'a list'];
  });
}

function joinAlternatives(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? 'valid') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function describeSchema(fragment: SchemaFragment): string {
  return joinAlternatives(alternatives(fragment));
}

function nameOf(path: JsonPath): string {
  return formatPath(path);
}

export function schemaMessage(error: ErrorObject, at: Located): SchemaMessage {
  const message = describeError(error, at);
  return message.text.startsWith('the ') ? { ...message, text: `T${message.text.slice(1)}` } : message;
}

function describeError(error: ErrorObject, at: Located): SchemaMessage {
  const field = nameOf(at.path);
  const parent = (error.parentSchema ?? {}) as SchemaFragment & { properties?: Record<string, unknown> };
  switch (error.keyword) {
    case 'additionalProperties': {
      const name = String(error.params.additionalProperty);
      const allowed = Object.keys(parent.properties ?? {});
      const suggestion = closestName(name, allowed);
      const where = at.path.length === 0 ? 'the spec' : field;
      return {
        text: `Unknown property "${name}" in ${where}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Allowed: ${allowed.join(', ')}.`,
        suggestion,
      };
    }
    case 'required': {
      const where = at.path.length === 0 ? 'The spec' : field;
      return { text: `${where} needs "${String(error.params.missingProperty)}".` };
    }
    case 'type':
      return { text: `${field} must be ${describeSchema(parent)}, not ${describeValue(at.node)}.` };
    case 'enum': {
      const allowed = (error.params.allowedValues as unknown[]) ?? [];
      const value = valueOf(at.node);
      const strings = allowed.filter((v): v is string => typeof v === 'string');
      const suggestion = typeof value === 'string' ? closestName(value, strings) : undefined;
      return {
        text: `${field} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, not ${JSON.stringify(value)}.${suggestion ? ` Did you mean ${JSON.stringify(suggestion)}?` : ''}`,
        suggestion,
      };
    }
    case 'const':
      return { text: `${field} must be ${JSON.stringify(error.params.allowedValue)}.` };
    case 'anyOf':
    case 'oneOf': {
      const branches = (error.schema as SchemaFragment[] | undefined) ?? [];
      const value = valueOf(at.node);
      const constants = branches.flatMap((b) => (typeof b.const === 'string' ? [b.const] : []));
      const suggestion = typeof value === 'string' ? closestName(value, constants) : undefined;
      return { text: `${field} must be ${joinAlternatives(branches.flatMap(alternatives))}, not ${describeValue(at.node)}.`, suggestion };
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return { text: `${field} must be at least ${String(error.params.limit)}, not ${String(valueOf(at.node))}.` };
    case 'maximum':
      return { text: `${field} must be at most ${String(error.params.limit)}, not ${String(valueOf(at.node))}.` };
    case 'minItems':
      return { text: `${field} needs at least ${String(error.params.limit)} entr${error.params.limit === 1 ? 'y' : 'ies'}.` };
    case 'maxItems':
      return { text: `${field} takes at most ${String(error.params.limit)} entries, it has ${(at.node.children ?? []).length}.` };
    case 'uniqueItems': {
      const entries = valueOf(at.node) as unknown[];
      return { text: `${field} lists ${JSON.stringify(entries[Number(error.params.i)])} twice.` };
    }
    case 'false schema': {
      const last = at.path[at.path.length - 1];
      if (last === 'outputPadding') return { text: 'outputPadding applies only to transposed convolutions; this layer has "type": "conv".' };
      return { text: `${field} is not allowed here.` };
    }
    default:
      return { text: `${field} ${error.message ?? 'is not valid'}.` };
  }
}
