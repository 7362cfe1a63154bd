/**
 * jsonTree.ts reads a long array of numbers from its packed table (packedNumbers.ts) rather than from a node per
 * number. Its functions must answer the same for a tree with every eligible array packed and for jsonc-parser's
 * own tree, agree with the parsed value, and never build a packed array's items.
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { getNodeValue } from 'jsonc-parser';
import { parseSpecText } from '../../../src/specFile';
import {
  allNumbersFinite,
  flatNumbers,
  isNumbersOnlyArray,
  maxFiniteMagnitude,
  nodeAt,
  subtreeNodeCount,
  valueOf,
  walkArrays,
  type ArrayWalker,
  type JsonNode,
  type JsonPath,
} from '../../../src/specFile/jsonTree';

const PACK_ALL = 0;
const PACK_NONE = Infinity;

function treeOf(text: string, packMinLength: number): JsonNode {
  const { root, diagnostics } = parseSpecText(text, { packMinLength });
  assert.deepEqual(diagnostics, [], text);
  assert.ok(root);
  return root;
}

/** Every path in the tree (without reading a packed array's `children`). */
function pathsOf(root: JsonNode): JsonPath[] {
  const paths: JsonPath[] = [];
  const visit = (node: JsonNode, path: JsonPath): void => {
    paths.push(path);
    if (node.type === 'object') {
      for (const p of node.children ?? []) visit(p.children![1], [...path, String(p.children![0].value)]);
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((c, i) => visit(c, [...path, i]));
    }
  };
  visit(root, []);
  return paths;
}

/** Nodes whose `children` are still to be built: packed arrays nobody expanded. */
function lazyNodes(root: JsonNode): JsonNode[] {
  const found: JsonNode[] = [];
  const visit = (node: JsonNode): void => {
    if (typeof Object.getOwnPropertyDescriptor(node, 'children')?.get === 'function') found.push(node);
    else for (const child of node.children ?? []) visit(child);
  };
  visit(root);
  return found;
}

// References, computed from the parsed value.
const isNumbersOnly = (v: unknown): boolean =>
  Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'number' || isNumbersOnly(x));
const numbersIn = (v: unknown): number[] =>
  typeof v === 'number' ? [v] : typeof v === 'object' && v !== null ? Object.values(v).flatMap(numbersIn) : [];
const cut = (v: unknown, maxItems: number): unknown =>
  Array.isArray(v)
    ? v.slice(0, maxItems).map((x) => cut(x, maxItems))
    : typeof v === 'object' && v !== null
      ? Object.assign(
          Object.create(null) as object,
          Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cut(x, maxItems)])),
        )
      : v;
const nodeCount = (node: JsonNode): number => 1 + (node.children ?? []).reduce((n, c) => n + nodeCount(c), 0);

/** Everything a walker says about a value: its arrays, their lengths and where their first array is. */
function walked<T>(w: ArrayWalker<T>, item: T): unknown {
  if (!w.isArray(item)) return 'leaf';
  const length = w.length(item);
  const items = Array.from({ length }, (_, i) => walked(w, w.item(item, i)));
  return { firstArray: w.firstArray(item, length), items };
}
const walkedValue = (v: unknown): unknown =>
  Array.isArray(v) ? { firstArray: v.findIndex(Array.isArray), items: v.map(walkedValue) } : 'leaf';

const number = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? '-0' : String(x))),
  fc.constantFrom('1e400', '-1e400', '1e39', '-3.5e38', '0.5'),
);
const list = (items: fc.Arbitrary<string>, minLength = 0) =>
  fc.array(items, { minLength, maxLength: 4 }).map((xs) => `[${xs.join(', ')}]`);
/** JSON rich in nested arrays of numbers (rectangular, ragged, mixed, with empty arrays), objects and strings. */
const document: fc.Arbitrary<string> = fc.letrec<{ value: string; numbers: string; object: string }>((tie) => ({
  numbers: fc.oneof({ depthSize: 'small' }, list(number, 1), list(tie('numbers'), 1)),
  value: fc.oneof(
    { depthSize: 'small' },
    number,
    tie('numbers'),
    tie('numbers'),
    fc.constantFrom('"s"', 'true', 'null', '[]'),
    list(tie('value')),
    tie('object'),
  ),
  object: fc
    .uniqueArray(fc.tuple(fc.constantFrom('a', 'data', 'k', 'z'), tie('value')), {
      maxLength: 4,
      selector: ([key]) => key,
    })
    .map((entries) => `{${entries.map(([key, value]) => `"${key}": ${value}`).join(', ')}}`),
})).value;

describe('jsonTree: packed and plain trees read the same', () => {
  it('every function, at every node, agrees with the parsed value and packed with plain', () => {
    fc.assert(
      fc.property(document, fc.integer({ min: 0, max: 3 }), (text, maxItems) => {
        const packed = treeOf(text, PACK_ALL);
        const plain = treeOf(text, PACK_NONE);
        const lazy = lazyNodes(packed);
        for (const path of pathsOf(plain)) {
          const p = nodeAt(packed, path);
          const q = nodeAt(plain, path);
          assert.ok(p && q, `${text} at ${JSON.stringify(path)}`);
          const value = getNodeValue(q) as unknown;
          const at = `${text} at ${JSON.stringify(path)}`;
          for (const node of [p, q]) {
            assert.deepStrictEqual(valueOf(node), value, at);
            assert.deepStrictEqual(valueOf(node, maxItems), cut(value, maxItems), at);
            assert.equal(subtreeNodeCount(node), nodeCount(q), at);
            assert.equal(subtreeNodeCount(node, maxItems) > maxItems, nodeCount(q) > maxItems, at);
            assert.equal(isNumbersOnlyArray(node), isNumbersOnly(value), at);
            const numbers = numbersIn(value);
            assert.equal(allNumbersFinite(node), numbers.every(Number.isFinite), at);
            const finite = numbers.filter(Number.isFinite).map(Math.abs);
            assert.equal(maxFiniteMagnitude(node), Math.max(0, ...finite), at);
            assert.deepStrictEqual(Array.from(flatNumbers(node)), numbers, at);
            assert.deepStrictEqual(
              walkArrays(node, (w, root) => walked(w, root)),
              walkedValue(value),
              at,
            );
          }
        }
        for (const node of lazy) {
          const getter = Object.getOwnPropertyDescriptor(node, 'children')?.get;
          assert.equal(typeof getter, 'function', `${text}: a packed array's items were built`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a packed array is one node, walked and read without building its items', () => {
    const rows = Array.from(
      { length: 50 },
      (_, r) => `[${Array.from({ length: 40 }, (_, c) => r + c / 64).join(', ')}]`,
    );
    const text = `{ "data": [${rows.join(', ')}], "k": 1 }`;
    const root = treeOf(text, PACK_ALL);
    const data = nodeAt(root, ['data']);
    assert.ok(data);
    assert.deepEqual(lazyNodes(root), [data]);
    // The object, two properties (property, key, value), the rows and their numbers.
    assert.equal(subtreeNodeCount(root), 1 + 2 * 3 + 50 + 50 * 40);
    assert.equal(isNumbersOnlyArray(data), true);
    assert.equal(allNumbersFinite(root), true);
    assert.equal(maxFiniteMagnitude(root), 49 + 39 / 64);
    const flat = flatNumbers(data);
    assert.ok(flat instanceof Float64Array, 'a view of the table');
    assert.equal(flat.length, 2000);
    assert.deepEqual(
      walkArrays(data, (w, r) => [
        w.length(r),
        w.length(w.item(r, 49)),
        w.firstArray(r, 50),
        w.isArray(w.item(w.item(r, 0), 0)),
      ]),
      [50, 40, 0, false],
    );
    assert.deepEqual(valueOf(data, 2), [
      [0, 1 / 64],
      [1, 1 + 1 / 64],
    ]);
    assert.deepEqual(lazyNodes(root), [data], 'still unbuilt');
  });
});
