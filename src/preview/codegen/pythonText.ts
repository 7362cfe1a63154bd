/** Python source text: literals from tensors, tuples, and comments that user text cannot break out of. */
import { toNested, type NestedNumbers, type Tensor } from '../../engine';

/** A float as Python reads it back exactly (JavaScript's shortest round-trip form is valid Python). */
export function pyNumber(x: number): string {
  if (Number.isNaN(x)) return 'float("nan")';
  if (!Number.isFinite(x)) return x > 0 ? 'float("inf")' : '-float("inf")';
  return Object.is(x, -0) ? '-0.0' : String(x);
}

function nestedLiteral(value: NestedNumbers): string {
  return Array.isArray(value) ? `[${value.map(nestedLiteral).join(', ')}]` : pyNumber(value);
}

/** The tensor's values as a nested Python list. */
export function pyNested(tensor: Tensor): string {
  return nestedLiteral(toNested(tensor));
}

/** (1, 2) and (3,) — a Python tuple literal. */
export function pyTuple(values: readonly number[]): string {
  return values.length === 1 ? `(${values[0]},)` : `(${values.join(', ')})`;
}

/** [1, 2] — a Python list literal. */
export function pyList(values: readonly number[]): string {
  return `[${values.join(', ')}]`;
}

/** An int when every dimension agrees (PyTorch and Keras accept both), a tuple otherwise. */
export function pyIntOrTuple(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : pyTuple(values);
}

const MAX_COMMENT_TEXT = 120;

/** Line breaks end a comment; bidirectional controls can make code read differently than it runs. */
function unsafeInComment(code: number): boolean {
  const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
  const lineBreak = code === 0x2028 || code === 0x2029;
  const bidi =
    code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
  return control || lineBreak || bidi;
}

function escapeForComment(text: string): string {
  let escaped = '';
  for (const c of text)
    escaped += unsafeInComment(c.charCodeAt(0)) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c;
  return escaped;
}

/** User text made safe inside a single-line "# …" comment: control and bidi characters shown as \uXXXX. */
export function commentText(text: string): string {
  const escaped = escapeForComment(text);
  return escaped.length > MAX_COMMENT_TEXT ? `${escaped.slice(0, MAX_COMMENT_TEXT - 1)}…` : escaped;
}

/** A sentence as "# …" comment lines of at most about `width` characters, made safe as commentText does. */
export function commentLines(text: string, width = 110): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of escapeForComment(text).split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(`# ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`# ${line}`);
  return lines;
}

/** A Python string literal (JSON string syntax is valid Python for these characters once escaped). */
export function pyString(text: string): string {
  return JSON.stringify(commentText(text));
}
