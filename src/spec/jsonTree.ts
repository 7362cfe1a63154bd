/** Small helpers over jsonc-parser's syntax tree, so the rest of src/spec never walks it by hand. */
import { findNodeAtLocation, getNodeValue, type Node } from 'jsonc-parser';

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

export function nodeAt(root: JsonNode, path: JsonPath): JsonNode | undefined {
  return findNodeAtLocation(root, [...path]);
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
  return getNodeValue(node);
}

export function lastItem<T>(items: readonly T[]): T | undefined {
  return items.length > 0 ? items[items.length - 1] : undefined;
}
