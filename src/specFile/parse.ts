/** Tolerant parsing: JSON with comments and trailing commas; syntax errors become diagnostics, never exceptions. */
import * as l10n from '@vscode/l10n';
import { printParseErrorCode, type ParseError } from 'jsonc-parser';
import { parseScannedText } from './condensedTree';
import type { SpecDiagnostic } from './diagnostics';
import type { JsonNode } from './jsonTree';
import { MAX_NESTING_DEPTH } from './nestingLimit';
import { nonFiniteWordAt } from './nonFiniteWord';
import { explainSyntaxError } from './syntaxFixes';
import { PACK_MIN_LENGTH, scanTextOnce } from './textScan';

export interface ParsedSpec {
  readonly text: string;
  /** The recovered tree; present even with syntax errors when anything could be read. */
  readonly root: JsonNode | undefined;
  readonly diagnostics: SpecDiagnostic[];
}

/** jsonc-parser's error names in words; a function, so each message is translated when it is shown. */
function syntaxMessage(name: string): string {
  switch (name) {
    case 'InvalidSymbol':
      return l10n.t('Unexpected character here.');
    case 'InvalidNumberFormat':
      return l10n.t('This is not a valid JSON number.');
    case 'PropertyNameExpected':
      return l10n.t('Expected a property name in double quotes.');
    case 'ValueExpected':
      return l10n.t('Expected a value: a number, a string, an array, an object, true, false or null.');
    case 'ColonExpected':
      return l10n.t('Expected a colon (:) after the property name.');
    case 'CommaExpected':
      return l10n.t('Expected a comma (,) before this.');
    case 'CloseBraceExpected':
      return l10n.t('Expected } to close the object.');
    case 'CloseBracketExpected':
      return l10n.t('Expected ] to close the array.');
    case 'EndOfFileExpected':
      return l10n.t('Unexpected text after the end of the spec.');
    case 'InvalidCommentToken':
      return l10n.t('This comment is not valid.');
    case 'UnexpectedEndOfComment':
      return l10n.t('The comment is not closed: add */.');
    case 'UnexpectedEndOfString':
      return l10n.t('The string is not closed: add ".');
    case 'UnexpectedEndOfNumber':
      return l10n.t('The number ends unexpectedly.');
    case 'InvalidUnicode':
      return l10n.t('Invalid \\u escape: it needs four hex digits.');
    case 'InvalidEscapeCharacter':
      return l10n.t('Invalid escape character in the string.');
    case 'InvalidCharacter':
      return l10n.t('Invalid character in the string: control characters must be escaped.');
    default:
      return l10n.t('Syntax error ({0}).', name);
  }
}

/**
 * The first error's message, saying how many more the parser reported after it. Up to the first error the
 * parser reads packed and unpacked text token for token; after it, its recovery skips a packed array as one
 * `[0]` and counts differently, so with a packed array past the first error it only says there are more.
 */
function withFollowers(message: string, more: number, countIsExact: boolean): string {
  if (more <= 0) return message;
  if (!countIsExact)
    return l10n.t('{0} (The parser reports more errors after this one, most of them caused by it.)', message);
  if (more === 1)
    return l10n.t('{0} (The parser reports 1 more error after this one, most of them caused by it.)', message);
  return l10n.t('{0} (The parser reports {1} more errors after this one, most of them caused by it.)', message, more);
}

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
        message: l10n.t(
          'This is nested more than {0} levels deep; a spec needs far fewer (data is at most 4-D). tconv stops reading the spec here.',
          MAX_NESTING_DEPTH,
        ),
        offset,
        length: 1,
      },
    ],
  };
}

export interface ParseOptions {
  /** Number arrays at least this many characters long are read by textScan.ts (tests use 0 and Infinity to compare). */
  readonly packMinLength?: number;
}

export function parseSpecText(text: string, options: ParseOptions = {}): ParsedSpec {
  const scan = scanTextOnce(text, options.packMinLength ?? PACK_MIN_LENGTH, MAX_NESTING_DEPTH);
  if (scan.deepOffset >= 0) return tooDeep(text, scan.deepOffset);
  const errors: ParseError[] = [];
  const root = parseScannedText(scan, errors);
  if (root === undefined && text.trim() === '') {
    return {
      text,
      root,
      diagnostics: [
        {
          code: 'syntax',
          severity: 'error',
          message: l10n.t('The spec is empty: write a JSON object with an "input" and a "layer".'),
          offset: 0,
          length: text.length,
          fixes: [
            {
              title: l10n.t('Insert a minimal spec'),
              edits: [{ offset: 0, length: text.length, newText: STARTER_SPEC }],
              isPreferred: true,
            },
          ],
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
  const offset = Math.min(first.offset, text.length);
  // NaN and Infinity are an unexpected character to the parser; the user needs to hear that JSON has neither.
  const nonFinite = name === 'InvalidSymbol' || name === 'ValueExpected' ? nonFiniteWordAt(text, offset) : undefined;
  const length = Math.max(0, Math.min(first.length, text.length - first.offset));
  const explained = nonFinite ? undefined : explainSyntaxError(text, name, offset, length);
  const diagnostic: SpecDiagnostic = {
    code: 'syntax',
    severity: 'error',
    message: withFollowers(
      nonFinite
        ? l10n.t('JSON has no "{0}": write a finite number here.', nonFinite.word)
        : (explained?.message ?? syntaxMessage(name)),
      more,
      scan.regions.every((r) => r.offset + r.length <= first.offset),
    ),
    offset: explained?.offset ?? offset,
    length: nonFinite ? nonFinite.length : (explained?.length ?? length),
    ...(explained && explained.fixes.length > 0 ? { fixes: explained.fixes } : {}),
  };
  return { text, root, diagnostics: [diagnostic] };
}
