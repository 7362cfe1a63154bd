/**
 * JSON text as a person would write a spec: objects indented two spaces, but an array of numbers (or of such
 * arrays) kept on one line while it fits, so a 2×2 kernel reads [[0, 1], [2, 3]] instead of spreading over
 * eight lines as JSON.stringify(value, null, 2) writes it.
 */
const MAX_INLINE = 72;

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || (Array.isArray(value) && value.every(isNumeric));
}

function inlineArray(value: unknown): string {
  return Array.isArray(value) ? `[${value.map(inlineArray).join(', ')}]` : JSON.stringify(value);
}

export interface CompactJsonOptions {
  /** A flat array of numbers too long for one line fills lines of MAX_INLINE characters instead of one number a line. */
  readonly fillNumbers?: boolean;
}

/** Numbers joined into lines of at most MAX_INLINE characters. */
function filledLines(values: readonly unknown[]): string[] {
  const lines: string[] = [];
  let line = '';
  for (const v of values) {
    const item = JSON.stringify(v);
    if (line && line.length + 2 + item.length > MAX_INLINE) {
      lines.push(line);
      line = item;
    } else line = line ? `${line}, ${item}` : item;
  }
  if (line) lines.push(line);
  return lines;
}

function write(value: unknown, indent: string, options: CompactJsonOptions): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = indent + '  ';
    if (isNumeric(value)) {
      const inline = inlineArray(value);
      if (inline.length <= MAX_INLINE) return inline;
      if (options.fillNumbers && value.every((v) => typeof v === 'number')) {
        const lines = filledLines(value).map((line) => inner + line);
        return `[\n${lines.join(',\n')}\n${indent}]`;
      }
    }
    return `[\n${value.map((v) => inner + write(v, inner, options)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner, options)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function compactJson(value: unknown, options: CompactJsonOptions = {}): string {
  return `${write(value, '', options)}\n`;
}
