/**
 * Long arrays of numbers (a pasted 10 MB "data") read once by textScan.ts into typed arrays instead of a syntax
 * node per number: jsonc-parser's tree for a million numbers takes a second to build and collect. The syntax
 * tree holds one node for each such array; its items become nodes only when something walks them
 * (`children`). Only the scanner and jsonTree.ts know of this table: jsonTree's functions read values, counts
 * and single items from it, and the rest of the spec layer goes through them.
 */
import type { JsonNode } from './jsonTree';

/** A list of unsigned 32-bit integers that doubles its buffer when full; `data[0, length)` is filled. */
class Uint32List {
  length = 0;
  data = new Uint32Array(64);

  push(x: number): number {
    if (this.length === this.data.length) {
      const bigger = new Uint32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = x;
    return this.length++;
  }
}

/**
 * Every packed array: numbers in document order with their token offsets, and the arrays holding them, in the
 * order their `]` was read (children before their parent). A packed subtree's values and arrays are
 * contiguous ranges, so counts and scans over one never look at anything else.
 */
export class PackedNumbers {
  /** The numbers, and where each one's token starts; the first `valueCount` entries are filled. */
  values = new Float64Array(0);
  starts = new Uint32Array(0);
  valueCount = 0;
  /** About one number per 8 characters of pasted data; allocated with the first number, doubled when full. */
  private readonly firstCapacity: number;
  /** Per array: offsets of its brackets, its value range, its first descendant, its children (when it has arrays). */
  readonly open = new Uint32List();
  readonly close = new Uint32List();
  readonly valueStart = new Uint32List();
  readonly valueEnd = new Uint32List();
  readonly firstDescendant = new Uint32List();
  readonly childStart = new Uint32List();
  readonly childCount = new Uint32List();
  /** Ids of child arrays; an array's children are childIds[childStart, childStart + childCount). */
  readonly childIds = new Uint32List();

  constructor(readonly text: string) {
    this.firstCapacity = Math.max(1024, text.length >> 3);
  }

  /** Doubles the value buffers (the scanner fills them directly, up to `valueCount`). */
  grow(): void {
    const capacity = Math.max(this.firstCapacity, 2 * this.values.length);
    const values = new Float64Array(capacity);
    values.set(this.values);
    this.values = values;
    const starts = new Uint32Array(capacity);
    starts.set(this.starts);
    this.starts = starts;
  }

  /** Where the number token starting at `start` ends (the scanner checked it is one). */
  private numberEnd(start: number): number {
    const text = this.text;
    let end = start + 1;
    for (
      let c = text.charCodeAt(end);
      (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
      c = text.charCodeAt(++end)
    );
    return end;
  }

  /** Records an array of numbers (`children` empty) or of arrays, returning its id. */
  addArray(open: number, close: number, firstValue: number, children: readonly number[]): number {
    const childStart = this.childIds.length;
    for (const child of children) this.childIds.push(child);
    const first = children.length > 0 ? this.firstDescendant.data[children[0]] : this.open.length;
    this.open.push(open);
    this.close.push(close);
    this.valueStart.push(children.length > 0 ? this.valueStart.data[children[0]] : firstValue);
    this.valueEnd.push(this.valueCount);
    this.firstDescendant.push(first);
    this.childStart.push(childStart);
    return this.childCount.push(children.length);
  }

  /** How many items array `id` has. */
  itemCount(id: number): number {
    const arrays = this.childCount.data[id];
    return arrays > 0 ? arrays : this.valueEnd.data[id] - this.valueStart.data[id];
  }

  /** Whether array `id` holds arrays (else numbers: a packed array never holds both). */
  holdsArrays(id: number): boolean {
    return this.childCount.data[id] > 0;
  }

  /** The id of child array `i` of array `id` (which holds arrays). */
  childId(id: number, i: number): number {
    return this.childIds.data[this.childStart.data[id] + i];
  }

  /** Syntax nodes in the subtree of `id`, itself included. */
  nodeCount(id: number): number {
    return id - this.firstDescendant.data[id] + 1 + this.valueEnd.data[id] - this.valueStart.data[id];
  }

  /** Whether every number below `id` is finite (1e400 reads as Infinity). */
  allFinite(id: number): boolean {
    const values = this.values;
    for (let i = this.valueStart.data[id], end = this.valueEnd.data[id]; i < end; i++)
      if (!Number.isFinite(values[i])) return false;
    return true;
  }

  /** The largest |value| below `id`, ignoring non-finite ones. */
  maxFiniteMagnitude(id: number): number {
    const values = this.values;
    let max = 0;
    for (let i = this.valueStart.data[id], end = this.valueEnd.data[id]; i < end; i++) {
      const m = Math.abs(values[i]);
      if (m > max && m !== Infinity) max = m;
    }
    return max;
  }

  /** Every number below array `id`, in reading order (row-major), as a view of the table. */
  valuesOf(id: number): Float64Array {
    return this.values.subarray(this.valueStart.data[id], this.valueEnd.data[id]);
  }

  /**
   * The value of array `id` as nested JavaScript arrays, what jsonc-parser's getNodeValue would give; with a
   * `limit`, at most that many items at every level (the part of a huge array a schema check looks at).
   */
  toNested(id: number, limit = Infinity): unknown[] {
    const count = this.childCount.data[id];
    if (count === 0) {
      const start = this.valueStart.data[id];
      return Array.from(this.values.subarray(start, Math.min(this.valueEnd.data[id], start + limit)));
    }
    const out = new Array<unknown>(Math.min(count, limit));
    const start = this.childStart.data[id];
    for (let i = 0; i < out.length; i++) out[i] = this.toNested(this.childIds.data[start + i], limit);
    return out;
  }

  /** Offset where item `i` of array `id` starts. */
  itemStart(id: number, i: number): number {
    return this.childCount.data[id] > 0
      ? this.open.data[this.childIds.data[this.childStart.data[id] + i]]
      : this.starts[this.valueStart.data[id] + i];
  }

  /** Offsets where item `i` of array `id` starts and ends. */
  itemSpan(id: number, i: number): { start: number; end: number; array: number | undefined } {
    if (this.childCount.data[id] > 0) {
      const child = this.childIds.data[this.childStart.data[id] + i];
      return { start: this.open.data[child], end: this.close.data[child] + 1, array: child };
    }
    const start = this.starts[this.valueStart.data[id] + i];
    return { start, end: this.numberEnd(start), array: undefined };
  }

  /** Item `i` of array `id` as a syntax node (arrays lazily expandable), or undefined out of range. */
  itemNode(id: number, i: number, parent: JsonNode): JsonNode | undefined {
    if (!Number.isInteger(i) || i < 0 || i >= this.itemCount(id)) return undefined;
    const span = this.itemSpan(id, i);
    if (span.array !== undefined) return this.arrayNode(span.array, parent);
    return {
      type: 'number',
      value: this.values[this.valueStart.data[id] + i],
      offset: span.start,
      length: span.end - span.start,
      parent,
    };
  }

  /** A node for array `id` whose items are built the first time someone reads `children`. */
  arrayNode(id: number, parent: JsonNode | undefined): JsonNode {
    const node = {
      type: 'array',
      offset: this.open.data[id],
      length: this.close.data[id] + 1 - this.open.data[id],
      parent,
    } as JsonNode;
    this.attach(node, id);
    return node;
  }

  /** Makes `node` (an array node for array `id`) read its items from this table. */
  attach(node: JsonNode, id: number): void {
    PACKED.set(node, { table: this, id });
    Object.defineProperty(node, 'children', {
      configurable: true,
      enumerable: true,
      get: () => {
        const items: JsonNode[] = [];
        for (let i = 0, n = this.itemCount(id); i < n; i++) items.push(this.itemNode(id, i, node)!);
        Object.defineProperty(node, 'children', { value: items, configurable: true, enumerable: true, writable: true });
        return items;
      },
    });
  }
}

export interface PackedRef {
  readonly table: PackedNumbers;
  readonly id: number;
}

const PACKED = new WeakMap<JsonNode, PackedRef>();

/** The packed array behind an array node, when it is one. */
export function packedArray(node: JsonNode): PackedRef | undefined {
  return PACKED.get(node);
}
