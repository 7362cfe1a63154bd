/**
 * `NaN`, `Infinity` or `-Infinity` written as a value (as Python's json.dumps and JavaScript's String write
 * them): JSON has no such numbers, and jsonc-parser only calls them an unexpected character. This finds the
 * word where a syntax error points, so parse.ts can say what is wrong.
 */

export interface NonFiniteWord {
  readonly offset: number;
  readonly length: number;
  /** The word as written, e.g. "-Infinity". */
  readonly word: string;
}

/** NaN and Infinity in the spellings people paste: NaN, nan, Infinity, inf, with an optional sign. */
const WORD = /[+-]?(?:nan|inf(?:inity)?)(?![\w$])/iy;
/** A colon after the word makes it an unquoted property name, not a value. */
const THEN_COLON = /\s*:/y;

export function nonFiniteWordAt(text: string, offset: number): NonFiniteWord | undefined {
  WORD.lastIndex = offset;
  const match = WORD.exec(text);
  if (!match) return undefined;
  THEN_COLON.lastIndex = offset + match[0].length;
  if (THEN_COLON.test(text)) return undefined;
  return { offset, length: match[0].length, word: match[0] };
}
