/** LSP positions in a test's text, computed here (lines split on \n, characters in UTF-16 code units). */
import { strict as assert } from 'node:assert';
import type { Position, Range } from 'vscode-languageserver-protocol';

export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Where `token` starts; it must occur exactly once. */
export function positionOf(text: string, token: string): Position {
  const offset = text.indexOf(token);
  assert.ok(offset >= 0 && text.indexOf(token, offset + 1) < 0, `${token} should occur once in the text`);
  return positionAt(text, offset);
}

export function wholeRange(text: string): Range {
  return { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
}
