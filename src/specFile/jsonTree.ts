/**
 * Small helpers over jsonc-parser's syntax tree, so the rest of src/specFile never walks it by hand. A long array
 * of numbers is one node backed by a packed table (packedNumbers.ts): every function here reads such a node from
 * its table, without building a node per number, and nothing outside this file and the scanner knows of it.
 */
import { getNodeValue, type Node } from 'jsonc-parser';
import { packedArray, type PackedNumbers } from './packedNumbers';

export type JsonNode = Node;
export type JsonPath = readonly (string | number)[];

/** Where a spec field sits in the text: its value, and its property key when it has one. */
export interface NodeRef {
  readonly offset: number;
  readonly length: number;
  readonly keyOffset?: number;
  readonly keyLength?: number;
  readonly path: JsonPath;
}

/** Item `index` of an array node; a packed array builds just that one node. */
export function arrayItem(node: JsonNode, index: number): JsonNode | undefined {
  if (node.type !== 'array' || !Number.isInteger(index) || index < 0) return undefined;
  const packed = packedArray(node);
  return packed ? packed.table.itemNode(packed.id, index, node) : node.children?.[index];
}

/** How many items an array node has (without building a packed array's nodes). */
export function itemCount(node: JsonNode): number {
  const packed = packedArray(node);
  return packed ? packed.table.itemCount(packed.id) : (node.children ?? []).length;
}

/** Like jsonc-parser's findNodeAtLocation (the first of duplicate keys), without expanding packed arrays. */
export function nodeAt(root: JsonNode, path: JsonPath): JsonNode | undefined {
  let node: JsonNode | undefined = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'string') {
      if (node.type !== 'object') return undefined;
      const property: JsonNode | undefined = (node.children ?? []).find(
        (p) => p.children?.length === 2 && p.children[0].value === segment,
      );
      node = property?.children?.[1];
    } else {
      node = arrayItem(node, segment);
    }
  }
  return node;
}

/** The key node of a property value (undefined for array elements and the root). */
export function keyNodeOf(valueNode: JsonNode): JsonNode | undefined {
  const parent = valueNode.parent;
  return parent?.type === 'property' ? parent.children?.[0] : undefined;
}

export function refOf(node: JsonNode, path: JsonPath): NodeRef {
  const key = keyNodeOf(node);
  return key
    ? { offset: node.offset, length: node.length, keyOffset: key.offset, keyLength: key.length, path }
    : { offset: node.offset, length: node.length, path };
}

/** The property nodes of an object node, in document order. */
export function propertiesOf(objectNode: JsonNode): JsonNode[] {
  return objectNode.type === 'object' ? (objectNode.children ?? []).filter((c) => c.type === 'property') : [];
}

export function propertyKey(propertyNode: JsonNode): string | undefined {
  const key = propertyNode.children?.[0];
  return key?.type === 'string' ? String(key.value) : undefined;
}

/** The node's value, as jsonc-parser's getNodeValue gives it; with `maxItems`, at most that many items of every array. */
export function valueOf(node: JsonNode, maxItems = Infinity): unknown {
  const packed = packedArray(node);
  if (packed) return packed.table.toNested(packed.id, maxItems);
  if (node.type === 'array') return (node.children ?? []).slice(0, maxItems).map((c) => valueOf(c, maxItems));
  if (node.type !== 'object') return getNodeValue(node);
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of (node.children ?? []).map((p) => p.children ?? [])) {
    if (key && value) out[String(key.value)] = valueOf(value, maxItems);
  }
  return out;
}

export function lastItem<T>(items: readonly T[]): T | undefined {
  return items.length > 0 ? items[items.length - 1] : undefined;
}

/** The nodes of a subtree in document order, a packed array as one node (its items are not built). */
function* subtree(node: JsonNode): Generator<JsonNode> {
  const stack = [node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    yield n;
    const children = packedArray(n) ? undefined : n.children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Syntax nodes in the subtree of `node`, itself included; counting stops once past `upTo`. */
export function subtreeNodeCount(node: JsonNode, upTo = Infinity): number {
  let count = 0;
  for (const n of subtree(node)) {
    const packed = packedArray(n);
    count += packed ? packed.table.nodeCount(packed.id) : 1;
    if (count > upTo) break;
  }
  return count;
}

/** A non-empty array whose items are numbers or such arrays: valid nested numbers, apart from their values. */
export function isNumbersOnlyArray(node: JsonNode): boolean {
  if (node.type !== 'array') return false;
  for (const n of subtree(node)) {
    if (packedArray(n)) continue;
    if (n.type === 'array' ? (n.children ?? []).length === 0 : n.type !== 'number') return false;
  }
  return true;
}

/** Whether every number in the subtree is finite (1e400 reads as Infinity). */
export function allNumbersFinite(node: JsonNode): boolean {
  for (const n of subtree(node)) {
    const packed = packedArray(n);
    if (packed ? !packed.table.allFinite(packed.id) : n.type === 'number' && !Number.isFinite(n.value)) return false;
  }
  return true;
}

/** The largest |x| of the subtree's numbers, ignoring non-finite ones (0 when there are none). */
export function maxFiniteMagnitude(node: JsonNode): number {
  let max = 0;
  for (const n of subtree(node)) {
    const packed = packedArray(n);
    const m = packed ? packed.table.maxFiniteMagnitude(packed.id) : n.type === 'number' ? Math.abs(n.value) : 0;
    if (m > max && m !== Infinity) max = m;
  }
  return max;
}

/** The subtree's numbers in reading order (row-major for nested arrays); a packed array's as a view of its table. */
export function flatNumbers(node: JsonNode): ArrayLike<number> {
  const packed = packedArray(node);
  if (packed) return packed.table.valuesOf(packed.id);
  const out: number[] = [];
  for (const n of subtree(node)) {
    const inner = packedArray(n);
    if (inner) for (const x of inner.table.valuesOf(inner.id)) out.push(x);
    else if (n.type === 'number') out.push(n.value as number);
  }
  return out;
}

/**
 * Nested arrays read item by item, for checks that follow their nesting: an item is an array or anything else
 * (a leaf), and `T` a handle only the walker reads.
 */
export interface ArrayWalker<T> {
  isArray(item: T): boolean;
  length(array: T): number;
  item(array: T, i: number): T;
  /** The index of the first array among the first `upTo` items, or -1. */
  firstArray(array: T, upTo: number): number;
}

const NODE_WALKER: ArrayWalker<JsonNode> = {
  isArray: (node) => node.type === 'array',
  length: itemCount,
  item: (array, i) => arrayItem(array, i)!,
  firstArray: (array, upTo) => {
    const packed = packedArray(array);
    if (packed) return upTo > 0 && packed.table.holdsArrays(packed.id) ? 0 : -1;
    const items = array.children ?? [];
    for (let i = 0; i < upTo; i++) if (items[i].type === 'array') return i;
    return -1;
  },
};

/** Handles are array ids, and -1 for a number: a packed array holds only numbers or only arrays. */
function packedWalker(table: PackedNumbers): ArrayWalker<number> {
  return {
    isArray: (id) => id >= 0,
    length: (id) => table.itemCount(id),
    item: (id, i) => (table.holdsArrays(id) ? table.childId(id, i) : -1),
    firstArray: (id, upTo) => (upTo > 0 && table.holdsArrays(id) ? 0 : -1),
  };
}

/** Runs `run` with a walker over `node`'s arrays; a packed array is walked by id, building no nodes at all. */
export function walkArrays<R>(node: JsonNode, run: <T>(walker: ArrayWalker<T>, root: T) => R): R {
  const packed = packedArray(node);
  return packed ? run(packedWalker(packed.table), packed.id) : run(NODE_WALKER, node);
}
