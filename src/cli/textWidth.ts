/**
 * Terminal columns, not UTF-16 units: Korean and Japanese characters take two columns each, so a title padded
 * with String.padEnd leaves the next column out of line (string-width knows East Asian widths and emoji).
 */
import stringWidth from 'string-width';

/** `text` followed by enough spaces to fill `width` columns. */
export function padEndColumns(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}

/** The widest of `texts`, in columns. */
export function maxColumns(texts: readonly string[]): number {
  return Math.max(0, ...texts.map((t) => stringWidth(t)));
}
