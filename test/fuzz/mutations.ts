/**
 * Mutations of the spec examples: the edits a person makes while typing (a deleted bracket, a cut-off file, a
 * value of the wrong type, a duplicated property) and the ones an attacker or a bad paste makes (a number
 * replaced by 1e400 or NaN, nesting thousands deep, ten megabytes of numbers pasted into data).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { AWKWARD_STRINGS, WILD_NUMBER_TOKENS } from './specArbitrary';

export const EXAMPLES_DIR = join(__dirname, '../../examples');

export interface Example {
  readonly name: string;
  readonly text: string;
  /** Every value node (objects, arrays, strings, numbers, literals), in document order. */
  readonly values: readonly Node[];
  readonly numbers: readonly Node[];
  readonly strings: readonly Node[];
  readonly properties: readonly Node[];
  /** The values of `data` and `output` properties (nested numbers). */
  readonly data: readonly Node[];
}

function collect(root: Node): Omit<Example, 'name' | 'text'> {
  const values: Node[] = [];
  const properties: Node[] = [];
  const data: Node[] = [];
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'property') {
      properties.push(node);
      const [k, v] = node.children ?? [];
      if (v && (k?.value === 'data' || k?.value === 'output') && v.type === 'array') data.push(v);
    } else if (!(node.parent?.type === 'property' && node.parent.children?.[0] === node)) {
      values.push(node);
    }
    for (const child of [...(node.children ?? [])].reverse()) stack.push(child);
  }
  const byOffset = (a: Node, b: Node) => a.offset - b.offset;
  return {
    values: values.sort(byOffset),
    numbers: values.filter((n) => n.type === 'number').sort(byOffset),
    strings: values.filter((n) => n.type === 'string').sort(byOffset),
    properties: properties.sort(byOffset),
    data: data.sort(byOffset),
  };
}

function listSpecs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listSpecs(join(dir, e.name)) : e.name.endsWith('.tconv.json') ? [join(dir, e.name)] : [],
  );
}

/** Every example under examples/ (broken ones included), parsed once. */
export function loadExamples(): Example[] {
  return listSpecs(EXAMPLES_DIR)
    .sort()
    .map((path) => {
      const text = readFileSync(path, 'utf8');
      const root = parseTree(text, [], { allowTrailingComma: true });
      if (!root) throw new Error(`example does not parse: ${path}`);
      return { name: path.slice(EXAMPLES_DIR.length + 1), text, ...collect(root) };
    });
}

const splice = (text: string, offset: number, length: number, insert: string) =>
  text.slice(0, offset) + insert + text.slice(offset + length);
const pick = <T>(items: readonly T[], n: number): T | undefined =>
  items.length === 0 ? undefined : items[n % items.length];

/** The structural edits; each takes the example and two random naturals. */
const STRUCTURAL = {
  /** Deletes one bracket, brace, quote, comma or colon. */
  deleteStructural(ex: Example, a: number): string {
    const positions: number[] = [];
    for (let i = 0; i < ex.text.length; i++) if ('[]{}",:'.includes(ex.text[i])) positions.push(i);
    const at = pick(positions, a) ?? 0;
    return splice(ex.text, at, 1, '');
  },
  truncate(ex: Example, a: number): string {
    return ex.text.slice(0, a % (ex.text.length + 1));
  },
  /** Replaces a value by one of another type. */
  swapType(ex: Example, a: number, b: number): string {
    const node = pick(ex.values, a)!;
    const byType: Record<string, string[]> = {
      number: ['"2"', 'true', 'null', '[2]', '{}'],
      string: ['2', 'false', '["a"]', '{"a": 1}', 'null'],
      boolean: ['"true"', '1', 'null'],
      null: ['0', '""'],
      array: ['3', '"[1, 2]"', '{}', 'null', '[[]]'],
      object: ['[]', '"{}"', '1', 'true', '{"": null}'],
    };
    const choices = byType[node.type] ?? ['null'];
    return splice(ex.text, node.offset, node.length, choices[b % choices.length]);
  },
  /** Replaces a number by a huge, negative, fractional or NaN-ish token. */
  wildNumber(ex: Example, a: number, b: number): string {
    const node = pick(ex.numbers, a);
    if (!node) return ex.text;
    return splice(ex.text, node.offset, node.length, WILD_NUMBER_TOKENS[b % WILD_NUMBER_TOKENS.length]);
  },
  /** Writes a property twice, the copy sometimes with another value. */
  duplicateProperty(ex: Example, a: number, b: number): string {
    const property = pick(ex.properties, a)!;
    const original = ex.text.slice(property.offset, property.offset + property.length);
    const keyText = ex.text.slice(
      property.children![0].offset,
      property.children![0].offset + property.children![0].length,
    );
    const copy = b % 2 === 0 ? original : `${keyText}: ${WILD_NUMBER_TOKENS[b % WILD_NUMBER_TOKENS.length]}`;
    return splice(ex.text, property.offset + property.length, 0, `, ${copy}`);
  },
  /** Wraps a value in one more array. */
  wrapValue(ex: Example, a: number): string {
    const node = pick(ex.values.slice(1), a);
    if (!node) return ex.text;
    return splice(splice(ex.text, node.offset + node.length, 0, ']'), node.offset, 0, '[');
  },
  /** Replaces a string by an awkward one (RTL marks, lone surrogates, emoji, 100 000 characters). */
  awkwardString(ex: Example, a: number, b: number): string {
    const node = pick(ex.strings, a);
    if (!node) return ex.text;
    const s = b % 7 === 0 ? 'x‮'.repeat(50_000) : AWKWARD_STRINGS[b % AWKWARD_STRINGS.length];
    return splice(ex.text, node.offset, node.length, JSON.stringify(s));
  },
  /** Renames a property to a near miss or to another known key. */
  renameKey(ex: Example, a: number, b: number): string {
    const k = pick(ex.properties, a)!.children![0];
    const names = [
      '"strid"',
      '"Stride"',
      '"kernel"',
      '"layers"',
      '"layer"',
      '"input"',
      '"data"',
      '"shape"',
      '"expect"',
      '"outputPadding"',
      '""',
      "'stride'",
      'stride',
    ];
    return splice(ex.text, k.offset, k.length, names[b % names.length]);
  },
  /** A comment or a trailing comma where JSON has none. */
  commentOrComma(ex: Example, a: number, b: number): string {
    const closers: number[] = [];
    for (let i = 0; i < ex.text.length; i++) if (ex.text[i] === ']' || ex.text[i] === '}') closers.push(i);
    const at = pick(closers, a) ?? 0;
    const inserts = [',', ' /* c */ ', '// line\n', ',,', ' /* unclosed '];
    return splice(ex.text, at, 0, inserts[b % inserts.length]);
  },
};

/** Small edits applied after the structural one: a stray character, or another deletion. */
const GARBAGE = [
  'x',
  '\u0000',
  '\uFEFF',
  '\u202E',
  '\uD800',
  '🎛',
  '\\',
  '"',
  '[',
  '{',
  ']',
  '}',
  ',',
  ':',
  '\n',
  '/*',
  '//',
  'NaN',
  '-',
  '.',
];

export type StructuralOp = keyof typeof STRUCTURAL;
export const STRUCTURAL_OPS = Object.keys(STRUCTURAL) as StructuralOp[];

export interface Mutation {
  readonly example: number;
  readonly op: StructuralOp;
  readonly a: number;
  readonly b: number;
  /** Offsets (as naturals) and garbage indices of follow-up edits. */
  readonly followUps: readonly (readonly [at: number, garbage: number])[];
}

export function mutationArbitrary(examples: readonly Example[]): fc.Arbitrary<Mutation> {
  return fc.record({
    example: fc.nat({ max: examples.length - 1 }),
    op: fc.constantFrom(...STRUCTURAL_OPS),
    a: fc.nat(),
    b: fc.nat(),
    followUps: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 2 }),
  });
}

export function applyMutation(examples: readonly Example[], m: Mutation): string {
  const ex = examples[m.example];
  let text = STRUCTURAL[m.op](ex, m.a, m.b);
  for (const [at, g] of m.followUps) {
    const offset = at % (text.length + 1);
    text = g % 3 === 0 ? splice(text, offset, 1, '') : splice(text, offset, 0, GARBAGE[g % GARBAGE.length]);
  }
  return text;
}

/** Heavy mutations, kept rare: nesting thousands deep, and ten megabytes of numbers in a data array. */
export interface HeavyMutation {
  readonly example: number;
  readonly kind: 'deep-balanced' | 'deep-unclosed' | 'deep-alternating' | 'big-array';
  readonly depth: number;
  readonly a: number;
}

export function heavyArbitrary(examples: readonly Example[]): fc.Arbitrary<HeavyMutation> {
  return fc.record({
    example: fc.nat({ max: examples.length - 1 }),
    kind: fc.constantFrom(
      'deep-balanced' as const,
      'deep-unclosed' as const,
      'deep-alternating' as const,
      'big-array' as const,
    ),
    depth: fc.integer({ min: 1_000, max: 50_000 }),
    a: fc.nat(),
  });
}

/** About `bytes` of text: a flat JSON array of numbers. */
export function bigNumberArray(bytes: number, seed: number): string {
  const parts: string[] = [];
  let length = 2;
  let x = seed >>> 0;
  while (length < bytes) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const token = x % 4 === 0 ? String(x % 1000) : (x / 4294967296).toFixed(8);
    parts.push(token);
    length += token.length + 2;
  }
  return `[${parts.join(', ')}]`;
}

export const TEN_MB = 10 * 1024 * 1024;

export function applyHeavy(examples: readonly Example[], h: HeavyMutation): string {
  const ex = examples[h.example];
  if (h.kind === 'big-array') {
    const target =
      pick(ex.data, h.a) ??
      pick(
        ex.values.filter((v) => v.type === 'array'),
        h.a,
      ) ??
      ex.values[0];
    return splice(ex.text, target.offset, target.length, bigNumberArray(TEN_MB, h.a));
  }
  const node = pick(ex.values.slice(1), h.a) ?? ex.values[0];
  const inner =
    h.kind === 'deep-balanced'
      ? `${'['.repeat(h.depth)}1${']'.repeat(h.depth)}`
      : h.kind === 'deep-unclosed'
        ? '['.repeat(h.depth)
        : '[}, '.repeat(h.depth);
  return splice(ex.text, node.offset, node.length, inner);
}
