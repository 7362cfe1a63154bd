/** Tolerant parsing: JSON with comments and trailing commas; syntax errors become diagnostics, never exceptions. */
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SpecDiagnostic } from './diagnostics';
import type { JsonNode } from './jsonTree';
import { excessiveNestingOffset, MAX_NESTING_DEPTH } from './nestingLimit';

export interface ParsedSpec {
  readonly text: string;
  /** The recovered tree; present even with syntax errors when anything could be read. */
  readonly root: JsonNode | undefined;
  readonly diagnostics: SpecDiagnostic[];
}

const SYNTAX_MESSAGES: Readonly<Record<string, string>> = {
  InvalidSymbol: 'Unexpected character here.',
  InvalidNumberFormat: 'This is not a valid JSON number.',
  PropertyNameExpected: 'Expected a property name in double quotes.',
  ValueExpected: 'Expected a value: a number, a string, an array, an object, true, false or null.',
  ColonExpected: 'Expected a colon (:) after the property name.',
  CommaExpected: 'Expected a comma (,) before this.',
  CloseBraceExpected: 'Expected } to close the object.',
  CloseBracketExpected: 'Expected ] to close the array.',
  EndOfFileExpected: 'Unexpected text after the end of the spec.',
  InvalidCommentToken: 'This comment is not valid.',
  UnexpectedEndOfComment: 'The comment is not closed: add */.',
  UnexpectedEndOfString: 'The string is not closed: add ".',
  UnexpectedEndOfNumber: 'The number ends unexpectedly.',
  InvalidUnicode: 'Invalid \\u escape: it needs four hex digits.',
  InvalidEscapeCharacter: 'Invalid escape character in the string.',
  InvalidCharacter: 'Invalid character in the string: control characters must be escaped.',
};

export const STARTER_SPEC = `{
  "$schema": "../schemas/tconv.schema.json",
  "input": { "data": [[0, 1], [2, 3]] },
  "layer": { "kernel": { "data": [[0, 1], [2, 3]] }, "stride": 1 }
}
`;

/** Refuses text nested deeper than any spec needs, before the recursive parser can overflow the stack on it. */
function tooDeep(text: string, offset: number): ParsedSpec {
  return {
    text,
    root: undefined,
    diagnostics: [
      {
        code: 'schema',
        severity: 'error',
        message: `This is nested more than ${MAX_NESTING_DEPTH} levels deep; a spec needs far fewer (data is at most 4-D). tconv stops reading the spec here.`,
        offset,
        length: 1,
      },
    ],
  };
}

export function parseSpecText(text: string): ParsedSpec {
  const deep = excessiveNestingOffset(text);
  if (deep >= 0) return tooDeep(text, deep);
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (root === undefined && text.trim() === '') {
    return {
      text,
      root,
      diagnostics: [
        {
          code: 'syntax',
          severity: 'error',
          message: 'The spec is empty: write a JSON object with an "input" and a "layer".',
          offset: 0,
          length: text.length,
          fixes: [{ title: 'Insert a minimal spec', edits: [{ offset: 0, length: text.length, newText: STARTER_SPEC }], isPreferred: true }],
        },
      ],
    };
  }
  // The parser recovers from an error by guessing, and each wrong guess is another error: one missing colon
  // can produce eight. Only the first is certain, so only it is reported, saying how many follow it.
  const [first] = errors;
  if (!first) return { text, root, diagnostics: [] };
  const name = printParseErrorCode(first.error);
  const more = errors.length - 1;
  const diagnostic: SpecDiagnostic = {
    code: 'syntax',
    severity: 'error',
    message: `${SYNTAX_MESSAGES[name] ?? `Syntax error (${name}).`}${more > 0 ? ` (The parser reports ${more} more error${more === 1 ? '' : 's'} after this one, most of them caused by it.)` : ''}`,
    offset: Math.min(first.offset, text.length),
    length: Math.max(0, Math.min(first.length, text.length - first.offset)),
  };
  return { text, root, diagnostics: [diagnostic] };
}
