/** Minimal text edits for fixes: replace one value, or add one property with correct commas and indentation. */
import type { TextEdit } from './diagnostics';
import { lastItem, propertiesOf, type JsonNode } from './jsonTree';

export interface Span {
  readonly offset: number;
  readonly length: number;
}

export function replaceEdit(span: Span, newText: string): TextEdit {
  return { offset: span.offset, length: span.length, newText };
}

function lineIndentAt(text: string, offset: number): string {
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const match = /^[ \t]*/.exec(text.slice(lineStart, offset));
  return match ? match[0] : '';
}

/** Adds `"key": valueText` as the last property of an object, keeping the object's one-line or multi-line style. */
export function insertPropertyEdit(text: string, objectNode: JsonNode, key: string, valueText: string): TextEdit {
  const property = `${JSON.stringify(key)}: ${valueText}`;
  const last = lastItem(propertiesOf(objectNode));
  if (!last) return { offset: objectNode.offset + 1, length: 0, newText: ` ${property} ` };
  const end = last.offset + last.length;
  const first = propertiesOf(objectNode)[0];
  const multiLine = /[\r\n]/.test(text.slice(objectNode.offset, first.offset));
  if (!multiLine) return { offset: end, length: 0, newText: `, ${property}` };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { offset: end, length: 0, newText: `,${eol}${lineIndentAt(text, last.offset)}${property}` };
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.newText + out.slice(e.offset + e.length);
  return out;
}
