/** Small helpers over jsonc-parser's syntax tree, so the rest of src/specFile never walks it by hand. */
import { getNodeValue, type Node } from 'jsonc-parser';
import { packedArray } from './packedNumbers';

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

export function valueOf(node: JsonNode): unknown {
  const packed = packedArray(node);
  return packed ? packed.table.toNested(packed.id) : getNodeValue(node);
}

export function lastItem<T>(items: readonly T[]): T | undefined {
  return items.length > 0 ? items[items.length - 1] : undefined;
}
