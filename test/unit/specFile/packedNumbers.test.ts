/**
 * Long arrays of plain numbers are read by one linear scan into a packed table (src/specFile/textScan.ts,
 * packedNumbers.ts) instead of a jsonc-parser node per number. The packing must be invisible: with every
 * eligible array packed (packMinLength 0) and with none (Infinity), numbers, syntax trees, diagnostics,
 * locations and hovers must come out the same.
 */
import { strict as assert } from 'node:assert';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { getLocation, type Node } from 'jsonc-parser';
import { parseSpecText, validateSpec, type SpecDiagnostic } from '../../../src/specFile';
import { evaluateSpec } from '../../../src/specFile/evaluate';
import { hoverAt } from '../../../src/specFile/hover';
import { nodeAt } from '../../../src/specFile/jsonTree';
import { locationAt } from '../../../src/specFile/location';
import { MAX_NESTING_DEPTH } from '../../../src/specFile/nestingLimit';
import { PackedNumbers, packedArray } from '../../../src/specFile/packedNumbers';
import {
  PACK_MIN_LENGTH,
  PLACEHOLDER,
  scanText,
  toCondensed,
  toOriginal,
  type TextScan,
} from '../../../src/specFile/textScan';
import { loadExamples, type Example } from '../../fuzz/mutations';
import { EXAMPLES_DIR, marked, readText } from './helpers';

const PACK_ALL = 0;
const PACK_NONE = Infinity;

const scan = (text: string): TextScan => scanText(text, PACK_ALL, MAX_NESTING_DEPTH);
const regionTexts = (text: string): string[] => scan(text).regions.map((r) => marked(text, r));
const splice = (text: string, offset: number, length: number, insert: string) =>
  text.slice(0, offset) + insert + text.slice(offset + length);

/** A syntax tree as plain data (packed arrays expand through their lazy `children`). */
function treeOf(node: Node | undefined): unknown {
  if (!node) return undefined;
  return {
    type: node.type,
    offset: node.offset,
    length: node.length,
    value: node.value,
    colonOffset: node.colonOffset,
    children: node.children?.map(treeOf),
  };
}

/**
 * By design (parse.ts): after a syntax error jsonc-parser recovers by skipping tokens up to a `,`, `]` or `}`,
 * and a packed array it skips is one `[0]` instead of many tokens, so what it reads after the first error (the
 * tree, how many errors follow, getLocation's answer) can differ packed and unpacked: `{ "a" "b": [1, 2] }`
 * reports no more errors packed and 2 unpacked. Packing stays on there, so that typing in a spec with a large
 * paste stays fast while the text is broken; the first error is always the same, and validation reports only
 * it. Broken texts are therefore compared up to their first error. false compares everything (and fails).
 */
const ONLY_FIRST_ERROR_AGREES = true;

/** A syntax error's message ends saying how many errors the parser reported after it (parse.ts). */
const FOLLOWERS = / \(The parser reports [^)]*\)$/;
const FOLLOWER_COUNT = /reports (\d+ more errors|1 more error) after/;

function comparable(diagnostics: readonly SpecDiagnostic[]): SpecDiagnostic[] {
  return diagnostics.map((d) => {
    if (d.code !== 'syntax') return d;
    // With packed arrays parse.ts says only that more errors follow, not how many.
    const message = ONLY_FIRST_ERROR_AGREES
      ? d.message.replace(FOLLOWERS, '')
      : d.message.replace(FOLLOWER_COUNT, 'reports more errors after');
    return { ...d, message };
  });
}

function validationOf(text: string, packMinLength: number): string {
  const { diagnostics, spec, plan } = validateSpec(text, { packMinLength });
  return JSON.stringify({ diagnostics: comparable(diagnostics), spec, plan });
}

/** Where the unpacked text's first syntax error is, or Infinity (and Infinity whenever everything must agree). */
function firstSyntaxError(text: string): number {
  const [d] = parseSpecText(text, { packMinLength: PACK_NONE }).diagnostics;
  return ONLY_FIRST_ERROR_AGREES && d?.code === 'syntax' ? d.offset : Infinity;
}

/** What differs between the packed and the unpacked reading of `text`, or undefined. */
function packingDifference(text: string): string | undefined {
  const packed = parseSpecText(text, { packMinLength: PACK_ALL });
  const plain = parseSpecText(text, { packMinLength: PACK_NONE });
  const [packedErrors, plainErrors] = [
    JSON.stringify(comparable(packed.diagnostics)),
    JSON.stringify(comparable(plain.diagnostics)),
  ];
  if (packedErrors !== plainErrors) return `parse diagnostics: ${packedErrors} vs ${plainErrors}`;
  if (firstSyntaxError(text) === Infinity && !isDeepStrictEqual(treeOf(packed.root), treeOf(plain.root)))
    return 'syntax trees differ';
  const validation = validationOf(text, PACK_ALL);
  if (validation !== validationOf(text, PACK_NONE)) return `validateSpec differs: ${validation.slice(0, 300)}`;
  return undefined;
}

/** getLocation's answer, reduced to what locationAt promises. */
function expectedLocation(text: string, offset: number) {
  const { path, previousNode } = getLocation(text, offset);
  return previousNode ? { path, previousNode: { offset: previousNode.offset, length: previousNode.length } } : { path };
}

/** The first offsets where locationAt (everything packed) disagrees with jsonc-parser's getLocation. */
function locationMismatches(text: string, offsets: Iterable<number>, limit = 3): string[] {
  const found: string[] = [];
  for (const offset of offsets) {
    const actual = locationAt(text, offset, PACK_ALL);
    const expected = expectedLocation(text, offset);
    const same =
      actual !== undefined &&
      JSON.stringify(actual.path) === JSON.stringify(expected.path) &&
      JSON.stringify(actual.previousNode) === JSON.stringify(expected.previousNode);
    if (!same) found.push(`at ${offset}: ${JSON.stringify(actual)} vs getLocation ${JSON.stringify(expected)}`);
    if (found.length >= limit) break;
  }
  return found;
}

const everyOffset = (text: string) => Array.from({ length: text.length + 1 }, (_, i) => i);

/** Every offset where the packed location must be getLocation's (see ONLY_FIRST_ERROR_AGREES). */
function comparableOffsets(text: string): number[] {
  const limit = firstSyntaxError(text);
  return everyOffset(text).filter((offset) => offset <= limit);
}

// ---------------------------------------------------------------------------------------------------------
// Number tokens

const digitString = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength, maxLength });

/** Decimal literals written by hand: any number of digits, leading-zero fractions, exponents with leading zeros. */
const decimalToken = fc
  .record({
    minus: fc.boolean(),
    whole: fc.oneof(
      fc.constant('0'),
      fc.tuple(fc.constantFrom(...'123456789'), digitString(0, 25)).map(([a, b]) => a + b),
    ),
    fraction: fc.option(digitString(1, 25)),
    exponent: fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '+', '-'), digitString(1, 4))),
  })
  .map(
    ({ minus, whole, fraction, exponent }) =>
      `${minus ? '-' : ''}${whole}${fraction === null ? '' : `.${fraction}`}${exponent === null ? '' : exponent.join('')}`,
  );

/** At most 15 digits and a small exponent: converted by the scanner itself rather than by Number(). */
const shortDecimal = fc
  .tuple(
    fc.bigInt({ min: 1n - 10n ** 15n, max: 10n ** 15n - 1n }),
    fc.nat({ max: 15 }),
    fc.integer({ min: -30, max: 30 }),
  )
  .map(([mantissa, point, exponent]) => {
    const digits = (mantissa < 0n ? -mantissa : mantissa).toString().padStart(point + 1, '0');
    const cut = digits.length - point;
    return `${mantissa < 0n ? '-' : ''}${digits.slice(0, cut)}${point > 0 ? `.${digits.slice(cut)}` : ''}e${exponent}`;
  });

/** A double as JavaScript prints it (String(-0) is "0", so -0 is written by hand). */
const printedDouble = fc
  .double({ noNaN: true, noDefaultInfinity: true })
  .map((x) => (Object.is(x, -0) ? '-0' : String(x)));

/** Numbers as a program writing data would print them. */
const formattedNumber = fc
  .tuple(
    fc.oneof(
      fc.double({ noNaN: true, min: -1e25, max: 1e25 }),
      fc.float({ noNaN: true, noDefaultInfinity: true }),
      fc.integer().map((n) => n / 1000),
    ),
    fc.constantFrom('toFixed', 'toExponential', 'toPrecision'),
    fc.integer({ min: 1, max: 21 }),
  )
  .map(([x, format, digits]) =>
    format === 'toFixed'
      ? x.toFixed(digits)
      : format === 'toExponential'
        ? x.toExponential(digits)
        : x.toPrecision(digits),
  );

const HAND_WRITTEN_NUMBERS = [
  '0',
  '-0',
  '-0.0',
  '0e0',
  '1E+2',
  '1e400',
  '-1E-400',
  '123456789012345678901234567890',
  '0.1',
  '0.3',
  '-2.5e-3',
  '1.7976931348623157e308',
  '1.7976931348623159e308',
  '5e-324',
  '2e-324',
  '2.2250738585072014e-308',
  '2.225073858507201e-308',
  '9007199254740993',
  '9007199254740992',
  '123456789012345',
  '1234567890123456',
  '999999999999999',
  '0.000000000000000000001',
  '1e22',
  '1e23',
  '1e-22',
  '1e-23',
  '4.35e-22',
  '123456789012345e22',
  '123456789012345e-22',
  '12345678901234.5e-10',
  '1e0000000000000001',
];

const numberToken = fc.oneof(
  fc.integer().map(String),
  shortDecimal,
  printedDouble,
  formattedNumber,
  decimalToken,
  fc.constantFrom(...HAND_WRITTEN_NUMBERS),
);
const separator = fc.constantFrom(',', ', ', ' ,', ',\n  ', '\r\n,\t', ',\r', '\t,\t');

/** Whitespace and comments between tokens, as people and programs write them. */
const gap = fc.constantFrom('', ' ', '  ', '\n  ', '\t', '\r\n', ' /* c */ ', ' // c\n');

/** `[a, b, …]` with one gap repeated, sometimes with a trailing comma. */
const listOf = (items: fc.Arbitrary<string>) =>
  fc
    .tuple(fc.array(items, { maxLength: 5 }), gap, fc.constantFrom(false, false, false, true))
    .map(([xs, g, trailing]) => `[${g}${xs.join(`,${g}`)}${trailing && xs.length > 0 ? ',' : ''}${g}]`);

/** JSON with comments and trailing commas, rich in arrays of numbers. */
const jsoncDocument: fc.Arbitrary<string> = fc.letrec<{ value: string; numbers: string; object: string }>((tie) => ({
  numbers: fc.oneof({ depthSize: 'small' }, listOf(numberToken), listOf(tie('numbers'))),
  value: fc.oneof(
    { depthSize: 'small' },
    numberToken,
    tie('numbers'),
    tie('numbers'),
    fc.constantFrom('"s"', '"[1, 2]"', 'true', 'null', '[]'),
    listOf(tie('value')),
    tie('object'),
  ),
  object: fc
    .array(fc.tuple(fc.constantFrom('"a"', '"data"', '"k"'), tie('value'), gap), { maxLength: 4 })
    .map((entries) => `{${entries.map(([key, value, g]) => `${g}${key}${g}:${g}${value}`).join(',')}}`),
})).object;

/** `[t0, t1, …]` with the given separators, and where each token starts. */
function arrayOf(tokens: readonly string[], separators: readonly string[]): { text: string; starts: number[] } {
  let text = '[';
  const starts: number[] = [];
  tokens.forEach((token, i) => {
    if (i > 0) text += separators[i % separators.length];
    starts.push(text.length);
    text += token;
  });
  return { text: `${text}]`, starts };
}

function assertReadExactly(tokens: readonly string[], separators: readonly string[]): void {
  const { text, starts } = arrayOf(tokens, separators);
  const { regions, table } = scan(text);
  assert.deepEqual(
    regions.map((r) => [r.offset, r.length]),
    [[0, text.length]],
    text,
  );
  const id = regions[0].id;
  const values = table.toNested(id) as number[];
  assert.equal(table.itemCount(id), tokens.length);
  tokens.forEach((token, i) => {
    assert.ok(Object.is(values[i], Number(token)), `${token} read as ${values[i]}, Number() gives ${Number(token)}`);
    assert.ok(
      Object.is(values[i], JSON.parse(token)),
      `${token} read as ${values[i]}, JSON.parse gives ${JSON.parse(token)}`,
    );
    assert.deepEqual(
      table.itemSpan(id, i),
      { start: starts[i], end: starts[i] + token.length, array: undefined },
      token,
    );
  });
}

describe('packed numbers: every number is read exactly', () => {
  it('hand-written edge cases: -0, subnormals, overflow to Infinity, 30 digits, 2^53 + 1', () => {
    assertReadExactly(HAND_WRITTEN_NUMBERS, [', ']);
  });

  it('generated tokens equal Number(token) and JSON.parse(token), and start where they are written', () => {
    fc.assert(
      fc.property(
        fc.array(numberToken, { minLength: 1, maxLength: 40 }),
        fc.array(separator, { minLength: 1, maxLength: 5 }),
        assertReadExactly,
      ),
      { numRuns: 500 },
    );
  });

  it('a nested array keeps its rows (toNested is the value JSON.parse gives)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(numberToken, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 }),
        (rows) => {
          const text = `[${rows.map((row) => `[${row.join(', ')}]`).join(',\n ')}]`;
          const { regions, table } = scan(text);
          assert.equal(regions.length, 1);
          assert.deepStrictEqual(table.toNested(regions[0].id), JSON.parse(text));
        },
      ),
      { numRuns: 200 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// What is packed

describe('packed numbers: which arrays are packed', () => {
  const cases: [what: string, text: string, regions: string[]][] = [
    ['a plain array', '[1, -2.5, 3e4]', ['[1, -2.5, 3e4]']],
    ['nested rows, as one region', '[[1, 2],\n [3, 4]]', ['[[1, 2],\n [3, 4]]']],
    ['each data array of an object', '{ "a": [1, 2], "b": [[3]] }', ['[1, 2]', '[[3]]']],
    ['the root after a comment', '// data\n[1, 2]', ['[1, 2]']],
    ['a block comment between numbers', '[1, /* c */ 2]', []],
    ['a line comment between numbers', '[1, // c\n 2]', []],
    ['a string', '[1, "2", 3]', []],
    ['brackets inside a string', '["[1, 2]"]', []],
    ['a trailing comma', '[1, 2,]', []],
    ['a leading comma', '[, 1]', []],
    ['two commas', '[1,, 2]', []],
    ['a missing comma', '[1 2]', []],
    ['an empty array', '[]', []],
    ['an empty inner array (its sibling still packs)', '[[1, 2], []]', ['[1, 2]']],
    ['a string in one row (the other row still packs)', '[[1,2],[3,"x"]]', ['[1,2]']],
    ['numbers then an array', '[1, [2, 3]]', ['[2, 3]']],
    ['an array then a number', '[[1, 2], 3]', ['[1, 2]']],
    ['01', '[01, 2]', []],
    ['NaN', '[1, NaN]', []],
    ['Infinity', '[Infinity]', []],
    ['+1', '[+1]', []],
    ['.5', '[.5]', []],
    ['1.', '[1.]', []],
    ['1e', '[1e]', []],
    ['a lone minus', '[-]', []],
    ['hex', '[0x10]', []],
    ['true', '[1, true]', []],
    ['an object', '[1, {}]', []],
    ['a form feed between numbers', '[1,\f2]', []],
    ['a vertical tab between numbers', '[1,\v2]', []],
    ['a no-break space between numbers', '[1,\u00a02]', []],
    ['a number run into a closing brace', '[1, 2}', []],
    ['an unclosed array (a closed row inside still packs)', '[[1, 2], [3', ['[1, 2]']],
    ['an array in a property-key position', '{ [1, 2]: 3 }', []],
    ['an array where a property key belongs, after a comma', '{ "a": 1, [1, 2] }', []],
    ['an array right after another value', '{ "a": [1] [2] }', ['[1]']],
    // The scan reads UTF-8 bytes and reports UTF-16 offsets: characters of 2, 3 and 4 bytes before each array.
    [
      'text outside ASCII before and between arrays',
      '{ "é": "日本😀", "a": [1, 2], /* ü */ "b": [[3]], // €\n "c": [4] }',
      ['[1, 2]', '[[3]]', '[4]'],
    ],
    ['a lone surrogate in a string before an array', '{ "s": "\ud800", "a": [1, 2] }', ['[1, 2]']],
    ['a character outside ASCII between numbers', '[1,é2]', []],
    ['an escaped character outside ASCII in a string', '{ "s": "\\日", "a": [5] }', ['[5]']],
  ];

  for (const [what, text, expected] of cases) {
    it(`${what}: ${JSON.stringify(text)}`, () => {
      assert.deepEqual(regionTexts(text), expected);
      assert.equal(packingDifference(text), undefined);
    });
  }

  it('nested arrays are one region whose value is the nested value', () => {
    const text = '{ "data": [[[1, 2], [3, 4]], [[5, 6], [7, 8]]] }';
    const { regions, table } = scan(text);
    assert.equal(regions.length, 1);
    assert.deepStrictEqual(table.toNested(regions[0].id), [
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
      ],
    ]);
    assert.equal(table.itemCount(regions[0].id), 2);
    // The array, 2 + 4 sub-arrays, 8 numbers.
    assert.equal(table.nodeCount(regions[0].id), 15);
  });

  it('toNested with a limit keeps at most `limit` items at every level, as the schema check cuts long lists', () => {
    const text = '{ "data": [[1, 2, 3], [4, 5, 6], [7, 8, 9]] }';
    const { regions, table } = scan(text);
    const id = regions[0].id;
    assert.deepStrictEqual(table.toNested(id, 1), [[1]]);
    assert.deepStrictEqual(table.toNested(id, 2), [
      [1, 2],
      [4, 5],
    ]);
    assert.deepStrictEqual(table.toNested(id, 3), table.toNested(id));
    assert.deepStrictEqual(table.toNested(id, 100), table.toNested(id));
  });

  it('below packMinLength nothing is packed; at it, the array is', () => {
    const text = '{ "data": [1, 2, 3] }';
    const length = '[1, 2, 3]'.length;
    assert.equal(scanText(text, length + 1, MAX_NESTING_DEPTH).regions.length, 0);
    assert.equal(scanText(text, length, MAX_NESTING_DEPTH).regions.length, 1);
  });

  const fragment = fc.constantFrom(
    '[',
    '[',
    '[',
    ']',
    ']',
    ']',
    ',',
    ',',
    '1',
    '-2.5e3',
    '0',
    ' ',
    '\n',
    '\t',
    '"s"',
    '"[1"',
    '{',
    '}',
    '"k":',
    '/*c*/',
    '//c\n',
    'NaN',
    '01',
    '-',
    '[]',
    '\f',
    // Characters of 2, 3 and 4 bytes in UTF-8 (and a lone surrogate) in strings, comments and as stray characters.
    '"é"',
    '"日本"',
    '"😀"',
    '/*ü*/',
    '//€\n',
    'é',
    '日',
    '\ud83d',
    '"\\😀"',
  );
  const soup = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));

  it('regions never overlap, each is a pure array of numbers, and `condensed` is the text with each replaced by [0]', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const s = scan(text);
        let expected = '';
        let from = 0;
        s.regions.forEach((r, k) => {
          assert.ok(r.offset >= from, `regions overlap in ${JSON.stringify(text)}`);
          const region = marked(text, r);
          assert.deepStrictEqual(s.table.toNested(r.id), JSON.parse(region));
          expected += text.slice(from, r.offset);
          assert.equal(s.placeholderOffsets[k], expected.length);
          expected += PLACEHOLDER;
          from = r.offset + r.length;
        });
        assert.equal(s.condensed, expected + text.slice(from));
        for (let offset = 0; offset <= text.length; offset++) {
          const inside = s.regions.some((r) => offset > r.offset && offset < r.offset + r.length);
          if (!inside) assert.equal(toOriginal(s, toCondensed(s, offset)), offset);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('texts made of brackets, numbers, strings, comments and junk read the same packed and unpacked', () => {
    fc.assert(
      fc.property(soup, (text) => {
        assert.equal(packingDifference(text), undefined, JSON.stringify(text));
        assert.deepEqual(locationMismatches(text, comparableOffsets(text)), [], JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('well-formed documents (comments and trailing commas allowed) read the same everywhere, and after one stray character', () => {
    fc.assert(
      fc.property(jsoncDocument, fc.nat(), fragment, (text, at, stray) => {
        assert.deepEqual(parseSpecText(text, { packMinLength: PACK_NONE }).diagnostics, [], text);
        assert.equal(packingDifference(text), undefined, text);
        assert.deepEqual(locationMismatches(text, everyOffset(text)), [], text);
        const broken = splice(text, at % (text.length + 1), 0, stray);
        assert.equal(packingDifference(broken), undefined, broken);
        assert.deepEqual(locationMismatches(broken, comparableOffsets(broken)), [], broken);
      }),
      { numRuns: 250 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Differential over the examples

const EXAMPLES = loadExamples();
const GARBAGE = ['"x"', ',', ']', '[', '/*c*/', 'NaN', ':', '1e400', '-'];

/** Offsets worth deleting a character at: every structural character, and every third one besides. */
function deletionOffsets(text: string): number[] {
  return everyOffset(text).filter((i) => i < text.length && ('[]{}",:'.includes(text[i]) || i % 3 === 0));
}

function mutationsOf(example: Example): { what: string; text: string }[] {
  const { text } = example;
  const out = deletionOffsets(text).map((i) => ({
    what: `delete ${JSON.stringify(text[i])} at ${i}`,
    text: splice(text, i, 1, ''),
  }));
  for (const data of example.data) {
    for (let i = data.offset; i <= data.offset + data.length; i++) {
      for (const garbage of GARBAGE) out.push({ what: `insert ${garbage} at ${i}`, text: splice(text, i, 0, garbage) });
    }
  }
  return out;
}

describe('packed numbers: the examples read the same packed and unpacked', () => {
  for (const example of EXAMPLES) {
    it(`${example.name}, and its mutations`, () => {
      assert.equal(packingDifference(example.text), undefined);
      const differences = mutationsOf(example).flatMap(({ what, text }) => {
        const difference = packingDifference(text);
        return difference ? [`${what}: ${difference}`] : [];
      });
      assert.deepEqual(differences.slice(0, 5), [], `${differences.length} mutations differ`);
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// Locations and hovers

/** d2l-basic with its data replaced: the text of `data`, and no expect (the output shape changes with it). */
function d2lBasicWithData(dataText: string, shape?: readonly number[]): string {
  const spec = JSON.parse(readText(EXAMPLES_DIR, 'd2l-basic.tconv.json'));
  delete spec.expect;
  spec.input = shape ? { shape, data: '@DATA' } : { data: '@DATA' };
  return JSON.stringify(spec, null, 2).replace('"@DATA"', dataText);
}

/** A [1, 1, rows, columns] array with irregular whitespace, line breaks and number spellings. */
function irregularData(rows: number, columns: number): string {
  const spellings = ['0', '-0', '1e3', '0.25', '12', '-7.5E-2', '3.0', '1E+1'];
  const spaces = ['', ' ', '  ', '\n', '\t', '\r\n   '];
  const rowTexts = Array.from(
    { length: rows },
    (_, r) =>
      `[${Array.from({ length: columns }, (_, c) => spaces[(r + c) % spaces.length] + spellings[(r * 3 + c) % spellings.length] + spaces[(r * c) % 5]).join(',')}]`,
  );
  return `[ [\n${rowTexts.join(` ,${spaces[rows % spaces.length]}`)}\n]\t]`;
}

describe('packed numbers: locations and hovers inside packed arrays', () => {
  const generated = d2lBasicWithData(irregularData(6, 7));
  const texts: [string, string][] = [
    ...EXAMPLES.map((e): [string, string] => [e.name, e.text]),
    ['a generated spec with irregular whitespace in its data', generated],
  ];

  it('the generated spec validates clean (so its hovers have a plan)', () => {
    const result = validateSpec(generated);
    assert.deepEqual(result.diagnostics, []);
    assert.ok(result.plan);
    assert.ok(scan(generated).regions.length >= 2);
  });

  for (const [name, text] of texts) {
    it(`locationAt is getLocation at every offset: ${name}`, () => {
      assert.deepEqual(locationMismatches(text, everyOffset(text)), []);
    });

    it(`hoverAt is the same packed and unpacked at every offset: ${name}`, () => {
      const result = validateSpec(text);
      for (const offset of everyOffset(text)) {
        assert.deepStrictEqual(
          hoverAt(text, result, offset, PACK_ALL),
          hoverAt(text, result, offset, PACK_NONE),
          `at ${offset}`,
        );
      }
    });
  }
});

// ---------------------------------------------------------------------------------------------------------
// A large paste

const SIDE = 300;
/** A number for each position, printed with 5 decimals (about 11 characters with its separator). */
const cell = (r: number, c: number) => (((r * 7919 + c * 104729) % 20011) / 97 - 100).toFixed(5);
const rowTokens = (r: number, columns = SIDE) => Array.from({ length: columns }, (_, c) => cell(r, c));
const rowOf = (r: number, columns = SIDE) => `[${rowTokens(r, columns).join(', ')}]`;

/** A [1, 1, rows.length, …] data text from row texts, and where each row starts within it. */
function dataFromRows(rows: readonly string[]): { data: string; rowStarts: number[] } {
  const head = '[[[\n';
  const separatorText = ',\n';
  const rowStarts: number[] = [];
  let at = head.length;
  for (const row of rows) {
    rowStarts.push(at);
    at += row.length + separatorText.length;
  }
  return { data: `${head}${rows.join(separatorText)}\n]]]`, rowStarts };
}

/** The large spec and the offset of row `r` in it. */
function largeSpec(rows: readonly string[], shape?: readonly number[]): { text: string; rowAt: (r: number) => number } {
  const { data, rowStarts } = dataFromRows(rows);
  const text = d2lBasicWithData(data, shape);
  const dataOffset = text.indexOf(data);
  return { text, rowAt: (r) => dataOffset + rowStarts[r] };
}

const squareRows = () => Array.from({ length: SIDE }, (_, r) => rowOf(r));

describe('packed numbers: a 1 MB paste', () => {
  it('validates the same packed as unpacked, and clean', () => {
    const { text } = largeSpec(squareRows(), [1, 1, SIDE, SIDE]);
    assert.ok(text.length > 900_000);
    assert.equal(validationOf(text, PACK_MIN_LENGTH), validationOf(text, PACK_NONE));
    assert.deepEqual(validateSpec(text).diagnostics, []);
  });

  it('a row one number short, against the declared shape: the diagnostic marks that row', () => {
    const rows = squareRows();
    rows[5] = rowOf(5, SIDE - 1);
    const { text, rowAt } = largeSpec(rows, [1, 1, SIDE, SIDE]);
    const d = validateSpec(text).diagnostics.find((x) => x.code === 'data-shape');
    assert.ok(d);
    assert.equal(d.offset, rowAt(5));
    assert.equal(marked(text, d), rows[5]);
    assert.equal(validationOf(text, PACK_MIN_LENGTH), validationOf(text, PACK_NONE));
  });

  it('one row too many, against the declared shape: the diagnostic marks the surplus row', () => {
    const rows = [...squareRows(), rowOf(SIDE)];
    const { text, rowAt } = largeSpec(rows, [1, 1, SIDE, SIDE]);
    const d = validateSpec(text).diagnostics.find((x) => x.code === 'data-shape');
    assert.ok(d);
    assert.equal(d.offset, rowAt(SIDE));
    assert.equal(marked(text, d), rows[SIDE]);
    assert.equal(validationOf(text, PACK_MIN_LENGTH), validationOf(text, PACK_NONE));
  });

  it('ragged data (a number where a row belongs): the diagnostic marks that number', () => {
    const rows = squareRows();
    rows[9] = '-0.5e1';
    const { text, rowAt } = largeSpec(rows);
    const d = validateSpec(text).diagnostics.find((x) => x.code === 'data-shape');
    assert.ok(d);
    assert.match(d.message, /ragged/);
    assert.equal(d.offset, rowAt(9));
    assert.equal(marked(text, d), '-0.5e1');
    assert.equal(validationOf(text, PACK_MIN_LENGTH), validationOf(text, PACK_NONE));
  });

  it('an array inside a row: the diagnostic marks that array', () => {
    const rows = squareRows();
    const tokens = rowTokens(5);
    tokens[7] = '[7]';
    rows[5] = `[${tokens.join(', ')}]`;
    const { text, rowAt } = largeSpec(rows, [1, 1, SIDE, SIDE]);
    const d = validateSpec(text).diagnostics.find((x) => x.code === 'data-shape');
    assert.ok(d);
    assert.equal(d.offset, rowAt(5) + `[${tokens.slice(0, 7).join(', ')}, `.length);
    assert.equal(marked(text, d), '[7]');
    assert.equal(validationOf(text, PACK_MIN_LENGTH), validationOf(text, PACK_NONE));
  });

  it('builds syntax nodes only for what is read', () => {
    const { text, rowAt } = largeSpec(squareRows());
    const { root, diagnostics } = parseSpecText(text);
    assert.deepEqual(diagnostics, []);
    assert.ok(root);
    const data = nodeAt(root, ['input', 'data']);
    assert.ok(data && packedArray(data), 'data is one packed node');
    const stillLazy = () => typeof Object.getOwnPropertyDescriptor(data, 'children')?.get === 'function';
    assert.ok(stillLazy());
    const number = nodeAt(root, ['input', 'data', 0, 0, 5, 7]);
    assert.ok(number);
    assert.equal(number.type, 'number');
    assert.equal(marked(text, number), cell(5, 7));
    assert.equal(number.value, Number(cell(5, 7)));
    assert.equal(number.offset, rowAt(5) + `[${rowTokens(5, 7).join(', ')}, `.length);
    assert.ok(stillLazy(), 'reading one number did not build the others');
  });

  it('checks the data against its shape without building its value, which is built once when read', () => {
    const rows = squareRows();
    rows[7] = rowOf(7, SIDE + 1);
    const { text } = largeSpec(rows, [1, 1, SIDE, SIDE]);
    const built: number[] = [];
    const original = PackedNumbers.prototype.toNested;
    PackedNumbers.prototype.toNested = function (this: PackedNumbers, id: number) {
      built.push(id);
      return original.call(this, id);
    };
    try {
      const { diagnostics, spec } = validateSpec(text);
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['data-shape'],
      );
      assert.deepEqual(built, [], 'validation built no nested arrays');
      const data = spec?.input.data;
      assert.ok(data?.node && packedArray(data.node), 'the field holds its packed node');
      assert.equal(Object.keys(data).join(), 'value,ref', 'the node stays out of the plain data');
      const expected = JSON.parse(marked(text, data.ref)) as unknown;
      assert.deepStrictEqual(data.value, expected);
      const calls = built.length;
      assert.ok(calls > 0);
      assert.equal(data.value, data.value, 'the same value each time');
      assert.equal(built.length, calls, 'built once');
    } finally {
      PackedNumbers.prototype.toNested = original;
    }
  });

  it('evaluates from the packed numbers exactly as from the parsed ones, without building the nested value', () => {
    const { text } = largeSpec(squareRows(), [1, 1, SIDE, SIDE]);
    const packed = validateSpec(text);
    const plain = validateSpec(text, { packMinLength: PACK_NONE });
    const data = packed.spec?.input.data?.node;
    assert.ok(data && packedArray(data) && packed.spec && packed.plan && plain.spec && plain.plan);
    const original = PackedNumbers.prototype.toNested;
    let built = 0;
    PackedNumbers.prototype.toNested = function (this: PackedNumbers, id: number) {
      built++;
      return original.call(this, id);
    };
    try {
      const fromTable = evaluateSpec(packed.spec, packed.plan);
      assert.equal(built, 0, 'no nested arrays built');
      const fromTree = evaluateSpec(plain.spec, plain.plan);
      assert.deepEqual(fromTable.input, fromTree.input);
      assert.deepEqual(fromTable.output, fromTree.output);
    } finally {
      PackedNumbers.prototype.toNested = original;
    }
  });

  it('a hover on one of its numbers names that element and its value', () => {
    const { text, rowAt } = largeSpec(squareRows());
    const offset = rowAt(5) + `[${rowTokens(5, 7).join(', ')}, `.length + 1;
    const hover = hoverAt(text, validateSpec(text), offset);
    assert.equal(hover?.markdown.split('\n\n')[0], `**input.data[0][0][5][7]** = ${cell(5, 7)}`);
  });

  it('locations and hovers inside it are those of the unpacked text', () => {
    const { text, rowAt } = largeSpec(squareRows());
    const result = validateSpec(text);
    const offsets = [
      rowAt(0) - 1,
      rowAt(0),
      rowAt(0) + 1,
      rowAt(5) + 40,
      rowAt(150) + 1234,
      rowAt(SIDE - 1) + rowOf(SIDE - 1).length,
      text.length - 10,
    ];
    for (const offset of offsets) {
      assert.deepEqual(locationMismatches(text, [offset]), []);
      assert.deepStrictEqual(hoverAt(text, result, offset), hoverAt(text, result, offset, PACK_NONE), `at ${offset}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// Nesting limit

describe('packed numbers: the nesting limit', () => {
  const deep = (levels: number) => `${'['.repeat(levels)}1${']'.repeat(levels)}`;
  /** Offset of the first bracket nested too deep, or -1, with no array packed. */
  const excessiveNestingOffset = (text: string) => scanText(text, PACK_NONE, MAX_NESTING_DEPTH).deepOffset;

  it('64 levels are fine; the 65th bracket is reported', () => {
    assert.equal(excessiveNestingOffset(deep(MAX_NESTING_DEPTH)), -1);
    assert.equal(excessiveNestingOffset(deep(MAX_NESTING_DEPTH + 1)), MAX_NESTING_DEPTH);
    assert.equal(scanText(deep(MAX_NESTING_DEPTH + 1), PACK_ALL, MAX_NESTING_DEPTH).deepOffset, MAX_NESTING_DEPTH);
  });

  it('also inside a long array of numbers, which would otherwise be packed', () => {
    const numbers = Array.from({ length: 1000 }, (_, i) => String(i)).join(', ');
    const text = `{ "data": [[${numbers}], ${deep(MAX_NESTING_DEPTH - 1)}, [${numbers}]] }`;
    // The object is level 1 and "data" level 2: the 63rd bracket of the deep part is level 65.
    const expected = text.indexOf(deep(MAX_NESTING_DEPTH - 1)) + MAX_NESTING_DEPTH - 2;
    assert.equal(excessiveNestingOffset(text), expected);
    for (const packMinLength of [PACK_ALL, PACK_MIN_LENGTH, PACK_NONE]) {
      const [d] = parseSpecText(text, { packMinLength }).diagnostics;
      assert.equal(d?.offset, expected);
      assert.equal(locationAt(text, 20, packMinLength), undefined);
    }
  });

  it('one level less is read, and packed', () => {
    const numbers = Array.from({ length: 1000 }, (_, i) => String(i)).join(', ');
    const text = `{ "data": [[${numbers}], ${deep(MAX_NESTING_DEPTH - 2)}] }`;
    assert.equal(excessiveNestingOffset(text), -1);
    assert.deepEqual(regionTexts(text), [text.slice(10, -2)]);
    assert.equal(packingDifference(text), undefined);
  });
});
