/**
 * Quick fixes for schema errors with one evident remedy: a number written as a string ("stride": "2") becomes
 * that number, and a value past the schema's minimum or maximum (kernelSize 0, padding -1) becomes the limit,
 * the nearest value allowed.
 */
import * as l10n from '@vscode/l10n';
import type { ErrorObject } from 'ajv';
import type { Fix } from './diagnostics';
import { replaceEdit } from './edits';
import { keyNodeOf, type JsonNode } from './jsonTree';

/** The parts of a schema fragment that decide whether a number is allowed. */
interface NumberRules {
  readonly type?: string | readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
  readonly multipleOf?: number;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
}

/** JSON's number grammar, the whole string: no spaces, no "+", no hex, no NaN. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Whether the fragment accepts the number n (as ajv would check it). */
function accepts(rules: NumberRules, n: number): boolean {
  const types: readonly string[] =
    rules.type === undefined ? [] : typeof rules.type === 'string' ? [rules.type] : rules.type;
  if (types.length > 0 && !types.includes('number') && !(types.includes('integer') && Number.isInteger(n)))
    return false;
  if (rules.minimum !== undefined && n < rules.minimum) return false;
  if (rules.maximum !== undefined && n > rules.maximum) return false;
  if (rules.exclusiveMinimum !== undefined && n <= rules.exclusiveMinimum) return false;
  if (rules.exclusiveMaximum !== undefined && n >= rules.exclusiveMaximum) return false;
  if (rules.multipleOf !== undefined && !Number.isInteger(n / rules.multipleOf)) return false;
  if (rules.enum !== undefined && !rules.enum.includes(n)) return false;
  return rules.const === undefined || rules.const === n;
}

/** "2" where a number is wanted: write it without the quotes, when the schema accepts that number. */
function numberFromString(error: ErrorObject, node: JsonNode): Fix | undefined {
  if (node.type !== 'string' || typeof node.value !== 'string' || !JSON_NUMBER.test(node.value)) return undefined;
  const n = Number(node.value);
  const rules = (error.parentSchema ?? {}) as NumberRules;
  if (!Number.isFinite(n) || !accepts(rules, n)) return undefined;
  return {
    title: l10n.t('Write {0} as a number', node.value),
    edits: [replaceEdit(node, node.value)],
    isPreferred: true,
  };
}

/** A number below the minimum (or above the maximum): set the limit itself, the nearest value allowed. */
function nearestAllowed(error: ErrorObject, node: JsonNode): Fix | undefined {
  const limit: unknown = error.params.limit;
  if (node.type !== 'number' || typeof limit !== 'number' || !Number.isFinite(limit)) return undefined;
  if (!accepts((error.parentSchema ?? {}) as NumberRules, limit)) return undefined;
  const newText = JSON.stringify(limit);
  return { title: l10n.t('Change to {0}', newText), edits: [replaceEdit(node, newText)], isPreferred: true };
}

/** A padding mode in the wrong case ("SAME"): the spelling the pattern accepts. */
function patternCase(error: ErrorObject, node: JsonNode): Fix | undefined {
  const pattern: unknown = error.params.pattern;
  if (node.type !== 'string' || typeof node.value !== 'string' || typeof pattern !== 'string') return undefined;
  const lower = node.value.toLowerCase();
  if (!new RegExp(pattern, 'u').test(lower)) return undefined;
  const newText = JSON.stringify(lower);
  return { title: l10n.t('Change to {0}', newText), edits: [replaceEdit(node, newText)], isPreferred: true };
}

interface ObjectRules {
  readonly type?: unknown;
  readonly properties?: Record<string, unknown>;
}

/**
 * Nested numbers where a tensor is wanted ("kernel": [[0, 1], [2, 3]]): the tensor is an object, and the numbers
 * are its "data".
 */
function wrapAsData(error: ErrorObject, node: JsonNode): Fix | undefined {
  if (node.type !== 'array') return undefined;
  const combinator = error.keyword === 'anyOf' || error.keyword === 'oneOf';
  const branches = (combinator ? error.schema : [error.parentSchema]) as (ObjectRules | undefined)[];
  const isObject = (type: unknown) => type === 'object' || (Array.isArray(type) && type.includes('object'));
  const tensor = branches.some((b) => isObject(b?.type) && b?.properties?.data !== undefined);
  if (!tensor) return undefined;
  return {
    title: l10n.t('Write it as {0}', '{ "data": … }'),
    edits: [
      { offset: node.offset, length: 0, newText: '{ "data": ' },
      { offset: node.offset + node.length, length: 0, newText: ' }' },
    ],
    isPreferred: true,
  };
}

/** The properties that take one value for every dimension or a list of one per dimension. */
const PER_DIMENSION_KEYS = new Set([
  'kernelSize',
  'stride',
  'padding',
  'dilation',
  'outputPadding',
  'scaleFactor',
  'size',
  'begin',
  'end',
  'outputSize',
]);

/** A list of one value repeated where one value per dimension is wanted, too long for any dims: that value. */
function repeatedValue(error: ErrorObject, node: JsonNode): Fix | undefined {
  const items = node.type === 'array' ? (node.children ?? []) : [];
  const first = items[0];
  if (!first || first.type !== 'number' || !items.every((item) => item.type === 'number' && item.value === first.value))
    return undefined;
  const key = keyNodeOf(node)?.value;
  if (typeof key !== 'string' || !PER_DIMENSION_KEYS.has(key)) return undefined;
  const newText = JSON.stringify(first.value);
  return { title: l10n.t('Change to {0}', newText), edits: [replaceEdit(node, newText)], isPreferred: true };
}

/** The fix for a schema error on the value `node`, when there is exactly one sensible one. */
export function schemaValueFixes(error: ErrorObject, node: JsonNode): Fix[] {
  const fix =
    error.keyword === 'type'
      ? (numberFromString(error, node) ?? wrapAsData(error, node))
      : error.keyword === 'anyOf' || error.keyword === 'oneOf'
        ? wrapAsData(error, node)
        : error.keyword === 'maxItems'
          ? repeatedValue(error, node)
          : error.keyword === 'pattern'
            ? (numberFromString(error, node) ?? patternCase(error, node))
            : error.keyword === 'minimum' || error.keyword === 'maximum'
              ? nearestAllowed(error, node)
              : undefined;
  return fix ? [fix] : [];
}
