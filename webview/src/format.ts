/** Numbers and shapes as the preview prints them (counts and bytes as the CLI and the verifications print them). */
export { formatCount as countText } from '../../src/specFile/format';
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

export function ratioText(x: number): string {
  if (x === 0) return '0';
  return x >= 0.01 ? `${Number((x * 100).toPrecision(3))}%` : x.toExponential(2);
}

/** "[0, 1, 2, 3]" — a tensor index. */
export function indexText(index: readonly number[]): string {
  return `[${index.join(', ')}]`;
}
