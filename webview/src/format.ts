/** Numbers and shapes as the preview prints them. */

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

/** 16777216 → "16,777,216" (by hand: toLocaleString's first call loads locale data). */
export function countText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (!Number.isInteger(n)) return String(Number(n.toPrecision(3)));
  const digits = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${digits}` : digits;
}

export function shapeText(shape: readonly number[]): string {
  return shape.join('×');
}

export function bytesText(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let u = 0;
  while (value >= 1024 && u < units.length - 1) {
    value /= 1024;
    u++;
  }
  return `${Number(value.toPrecision(3))} ${units[u]}`;
}

export function ratioText(x: number): string {
  if (x === 0) return '0';
  return x >= 0.01 ? `${Number((x * 100).toPrecision(3))}%` : x.toExponential(2);
}

/** "[0, 1, 2, 3]" — a tensor index. */
export function indexText(index: readonly number[]): string {
  return `[${index.join(', ')}]`;
}
