/** Numbers and shapes as the preview prints them (counts and bytes as the CLI and the verifications print them). */
import { formatCount as countText } from '../../src/specFile/format';
export { countText };
export { formatBytes as bytesText } from '../../src/engine/verify/compare';
export { formatShape as shapeText } from '../../src/engine/tensor';

/** A grid cell: integers as they are, others with up to 4 significant digits. */
export function cellText(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e6)) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

/** The full value, for titles and the status line. */
export function fullText(x: number): string {
  return String(x);
}

/** A fraction as a percentage, always: "19.1%", "0.78%", "1.20e-5%" (never a bare 7.80e-3 beside a percentage). */
export function ratioText(x: number): string {
  if (x === 0) return '0%';
  const percent = x * 100;
  return Math.abs(percent) >= 1e-3 ? `${Number(percent.toPrecision(3))}%` : `${percent.toExponential(2)}%`;
}

/** A number in a list of results: counts grouped like the CLI's (1,638,400), other values as a grid cell shows them. */
export function valueText(x: number): string {
  if (Number.isInteger(x)) return countText(x);
  // 4 significant digits as in a grid cell, grouped like a count from 1,000 up (4335.99 → 4,336).
  const rounded = Number(x.toPrecision(4));
  return Math.abs(rounded) >= 1000 && Math.abs(rounded) < 1e15 ? countText(rounded) : cellText(x);
}

/** "[0, 1, 2, 3]" — a tensor index. */
export function indexText(index: readonly number[]): string {
  return `[${index.join(', ')}]`;
}
