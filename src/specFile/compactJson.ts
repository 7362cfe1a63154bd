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

function write(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (isNumeric(value)) {
      const inline = inlineArray(value);
      if (inline.length <= MAX_INLINE) return inline;
    }
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + write(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const inner = indent + '  ';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${write(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function compactJson(value: unknown): string {
  return `${write(value, '')}\n`;
}
