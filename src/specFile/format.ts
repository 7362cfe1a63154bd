/** Number and shape formatting shared by diagnostic messages. */
import * as l10n from '@vscode/l10n';
import type { JsonPath } from './jsonTree';

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

function groupThousands(n: number): string {
  const digits = Math.abs(n).toFixed(0);
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** 16777216 → "16,777,216"; 1000000000 → "10⁹"; beyond 2⁵³ → "1.2e+21". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n > Number.MAX_SAFE_INTEGER) return n.toPrecision(3);
  const exponent = Math.round(Math.log10(n));
  if (n >= 1e6 && 10 ** exponent === n) {
    return `10${String(exponent)
      .split('')
      .map((d) => SUPERSCRIPT[Number(d)])
      .join('')}`;
  }
  return groupThousands(n);
}

/** "[1, 3, 4, 4]" */
export function formatList(values: readonly number[]): string {
  return `[${values.join(', ')}]`;
}

/** "1×3×4×4" */
export function formatDims(values: readonly number[]): string {
  return values.join('×');
}

/** A value as a message shows it: integers exactly, floats to 10 significant digits. */
export function formatValue(x: number): string {
  if (Number.isInteger(x) || !Number.isFinite(x)) return String(x);
  return String(Number(x.toPrecision(10)));
}

/** ['layers', 1, 'kernel', 'shape', 0] → "layers[1].kernel.shape[0]" */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out === '' ? l10n.t('the spec') : out;
}

/**
 * Whole sentences, each translated on its own, as one message: separated by a space, except after a sentence
 * that ends in a full-width stop (Japanese "。"), which needs none. Empty parts are left out.
 */
export function sentences(...parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    if (part === '') continue;
    out += out === '' || /[。！？]$/.test(out) ? part : ` ${part}`;
  }
  return out;
}

/** ["a", "b", "c"] → "a, b and c" (translated conjunction). */
export function formatAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return l10n.t('{0} and {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

/** ["a", "b", "c"] → "a, b or c" (translated conjunction). */
export function formatOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return l10n.t('{0} or {1}', items.slice(0, -1).join(', '), items[items.length - 1]);
}

/** "index [0, 1, 2]" */
export function formatIndex(index: readonly number[]): string {
  return index.map((i) => `[${i}]`).join('');
}
