/** JSON-safe numbers: postMessage carries JSON, where NaN and ±Infinity do not survive. */
import type { NonFiniteValue } from '../webviewProtocol';

/** The value, or 0 when it is NaN or ±Infinity. */
export function finiteOr0(x: number): number {
  return Number.isFinite(x) ? x : 0;
}

export function finiteArray(values: ArrayLike<number>, start = 0, end = values.length): number[] {
  const out = new Array<number>(Math.max(0, end - start));
  for (let i = start; i < end; i++) out[i - start] = finiteOr0(values[i]);
  return out;
}

export function nonFiniteName(x: number): NonFiniteValue['value'] {
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** Product of the entries (1 for an empty list). */
export function product(values: readonly number[]): number {
  let p = 1;
  for (const v of values) p *= v;
  return p;
}
