/**
 * The syntax errors people make writing JSON by hand, said in their terms and fixed where the remedy is clear:
 * Python's True/False/None, single quotes, tuples and # comments, unquoted property names, .5 and leading
 * zeros, and a missing comma, colon or closing bracket (inserted after the token before it).
 */
import * as l10n from '@vscode/l10n';
import type { Fix, TextEdit } from './diagnostics';

export interface SyntaxExplanation {
  readonly message: string;
  /** The span to mark: from `offset` (the error's offset when absent), `length` characters. */
  readonly offset?: number;
  readonly length: number;
  readonly fixes: readonly Fix[];
}

const PYTHON_LITERALS: Readonly<Record<string, string>> = { True: 'true', False: 'false', None: 'null' };

const WORD = /[A-Za-z_$][\w$]*/y;
const THEN_COLON = /\s*:/y;
const SINGLE_QUOTED = /'((?:[^'\\\r\n]|\\.)*)'/y;
const POINT_NUMBER = /\.\d+(?:[eE][+-]?\d+)?/y;
const LEADING_ZEROS = /-?(0+)(?=\d)/y;

function matchAt(pattern: RegExp, text: string, offset: number): RegExpExecArray | null {
  pattern.lastIndex = offset;
  return pattern.exec(text);
}

function fix(title: string, edits: TextEdit[]): Fix[] {
  return [{ title, edits, isPreferred: true }];
}

/** Where a line comment starts on the line holding `index`, when `index` is inside one; else -1. */
function lineCommentAround(text: string, index: number): number {
  let start = index;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let inString = false;
  for (let i = start; i <= index; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '/' && text[i + 1] === '/') return i;
  }
  return -1;
}

/** The end of the last token before `offset`, past whitespace and comments. */
export function previousTokenEnd(text: string, offset: number): number {
  let end = offset;
  for (;;) {
    while (end > 0 && /\s/.test(text[end - 1])) end--;
    if (end >= 2 && text[end - 1] === '/' && text[end - 2] === '*') {
      const open = text.lastIndexOf('/*', end - 3);
      if (open < 0) return end;
      end = open;
      continue;
    }
    const comment = end > 0 ? lineCommentAround(text, end - 1) : -1;
    if (comment < 0) return end;
    end = comment;
  }
}

/** The ")" closing the "(" at `open`, outside strings, on balanced parentheses; -1 when there is none. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  let inString = false;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
    else if (c === '{' || c === '}' || c === ']') return -1;
  }
  return -1;
}

/** An unexpected character: the Python and JavaScript habits JSON does not take. */
function unexpected(text: string, offset: number): SyntaxExplanation | undefined {
  const word = matchAt(WORD, text, offset)?.[0];
  if (word) {
    const isKey = matchAt(THEN_COLON, text, offset + word.length) !== null;
    const literal = PYTHON_LITERALS[word];
    if (literal && !isKey) {
      return {
        message: l10n.t('JSON writes {0} as {1}.', word, literal),
        length: word.length,
        fixes: fix(l10n.t('Change to {0}', literal), [{ offset, length: word.length, newText: literal }]),
      };
    }
    if (isKey) {
      const quoted = JSON.stringify(word);
      return {
        message: l10n.t('Property names need double quotes: {0}.', quoted),
        length: word.length,
        fixes: fix(l10n.t('Write {0}', quoted), [{ offset, length: word.length, newText: quoted }]),
      };
    }
    return undefined;
  }
  const quoted = matchAt(SINGLE_QUOTED, text, offset);
  if (quoted) {
    const value = JSON.stringify(quoted[1].replace(/\\'/g, "'"));
    return {
      message: l10n.t('JSON strings are written in double quotes: {0}.', value),
      length: quoted[0].length,
      fixes: fix(l10n.t('Write {0}', value), [{ offset, length: quoted[0].length, newText: value }]),
    };
  }
  const point = matchAt(POINT_NUMBER, text, offset);
  if (point) {
    const number = `0${point[0]}`;
    return {
      message: l10n.t('A JSON number needs a digit before the point: {0}.', number),
      length: point[0].length,
      fixes: fix(l10n.t('Write {0}', number), [{ offset, length: 0, newText: '0' }]),
    };
  }
  if (text[offset] === '#') {
    return {
      message: l10n.t('Comments start with // (or are written /* … */); JSON has no # comments.'),
      length: 1,
      fixes: fix(l10n.t('Write // instead of #'), [{ offset, length: 1, newText: '//' }]),
    };
  }
  if (text[offset] === '(') {
    const close = closingParen(text, offset);
    if (close < 0) return undefined;
    return {
      message: l10n.t('JSON has no tuples: write a list in square brackets.'),
      length: close + 1 - offset,
      fixes: fix(l10n.t('Write [ … ] instead of ( … )'), [
        { offset, length: 1, newText: '[' },
        { offset: close, length: 1, newText: ']' },
      ]),
    };
  }
  return undefined;
}

/** A comma is missing before `offset`; or a number has a leading zero ("02" reads as 0 then 2). */
function commaExpected(text: string, offset: number, length: number): SyntaxExplanation {
  const at = previousTokenEnd(text, offset);
  let start = at;
  while (start > 0 && /[-0-9]/.test(text[start - 1])) start--;
  const zeros = at === offset ? matchAt(LEADING_ZEROS, text, start) : null;
  if (zeros) {
    const zeroStart = start + zeros[0].length - zeros[1].length;
    return {
      message: l10n.t('JSON numbers have no leading zeros.'),
      offset: start,
      length: offset + length - start,
      fixes: fix(l10n.t('Remove the leading zeros'), [{ offset: zeroStart, length: zeros[1].length, newText: '' }]),
    };
  }
  // In an array, "}" can only mean that the array's "]" is missing.
  if (text[offset] === '}') {
    return {
      message: l10n.t('Expected ] to close the array.'),
      length,
      fixes: fix(l10n.t('Insert {0}', ']'), [{ offset: at, length: 0, newText: ']' }]),
    };
  }
  if (!/["\d\-[{tfn]/.test(text[offset] ?? ''))
    return { message: l10n.t('Expected a comma (,) before this.'), length, fixes: [] };
  const commas = numbersWithoutCommas(text, at);
  return {
    message: l10n.t('Expected a comma (,) before this.'),
    length,
    fixes:
      commas.length > 1
        ? fix(
            l10n.t('Insert the {0} missing commas', commas.length),
            commas.map((c) => ({ offset: c, length: 0, newText: ',' })),
          )
        : fix(l10n.t('Insert a comma'), [{ offset: at, length: 0, newText: ',' }]),
  };
}

/** How far the comma search reads around the error: a pasted array longer than this gets one comma at a time. */
const MAX_NUMERIC_SCAN = 100_000;

/** Characters of an array of numbers, its brackets and the space between them. */
const NUMERIC_ARRAY_CHAR = /[-+\d.eE,\s[\]]/;

/**
 * Where commas are missing in numbers separated by spaces only, as NumPy prints an array ("[[0 1]\n [2 3]]"):
 * every such gap of the outermost array around `at`, when it holds only numbers and brackets; else [].
 */
function numbersWithoutCommas(text: string, at: number): number[] {
  let start = at;
  const limit = Math.max(0, at - MAX_NUMERIC_SCAN);
  while (start > limit && NUMERIC_ARRAY_CHAR.test(text[start - 1])) start--;
  if (start === limit && limit > 0) return [];
  start = text.indexOf('[', start);
  if (start < 0 || start > at) return [];
  const gaps: number[] = [];
  let depth = 0;
  const end = Math.min(text.length, start + 2 * MAX_NUMERIC_SCAN);
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (/\s/.test(c)) {
      let next = i;
      while (next < text.length && /\s/.test(text[next])) next++;
      if (/[\d.\]]/.test(text[i - 1]) && /[-\d.[]/.test(text[next] ?? '')) gaps.push(i);
      i = next - 1;
    } else if (c === '[') depth++;
    else if (c === ']') {
      if (--depth === 0) return gaps;
    } else if (!NUMERIC_ARRAY_CHAR.test(c)) return [];
  }
  return [];
}

/** The syntax error explained, when it is one of the habits above or a missing separator; else undefined. */
export function explainSyntaxError(
  text: string,
  name: string,
  offset: number,
  length: number,
): SyntaxExplanation | undefined {
  switch (name) {
    case 'InvalidSymbol':
    case 'ValueExpected':
    case 'PropertyNameExpected':
      return unexpected(text, offset);
    case 'CommaExpected':
      return commaExpected(text, offset, length);
    case 'ColonExpected':
      return {
        message: l10n.t('Expected a colon (:) after the property name.'),
        length,
        fixes: fix(l10n.t('Insert a colon'), [{ offset: previousTokenEnd(text, offset), length: 0, newText: ':' }]),
      };
    case 'CloseBraceExpected':
    case 'CloseBracketExpected': {
      const closer = name === 'CloseBraceExpected' ? '}' : ']';
      return {
        message:
          name === 'CloseBraceExpected'
            ? l10n.t('Expected } to close the object.')
            : l10n.t('Expected ] to close the array.'),
        length,
        fixes: fix(l10n.t('Insert {0}', closer), [
          { offset: previousTokenEnd(text, offset), length: 0, newText: closer },
        ]),
      };
    }
    default:
      return undefined;
  }
}
