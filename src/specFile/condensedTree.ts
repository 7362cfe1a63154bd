/**
 * jsonc-parser's tree of a scanned text: the parser reads `scan.condensed` (long number arrays replaced by
 * `[0]`), then every offset is mapped back to the original text and each placeholder's node reads its items
 * from the packed table. The tree and the errors are those of parsing the original text.
 */
import { parseTree, type ParseError } from 'jsonc-parser';
import type { JsonNode } from './jsonTree';
import { PLACEHOLDER, toOriginal, type TextScan } from './textScan';

export function parseScannedText(scan: TextScan, errors: ParseError[]): JsonNode | undefined {
  const condensedErrors: ParseError[] = [];
  const root = parseTree(scan.condensed, condensedErrors, { allowTrailingComma: true, disallowComments: false });
  for (const e of condensedErrors) {
    const offset = toOriginal(scan, e.offset);
    errors.push({ ...e, offset, length: toOriginal(scan, e.offset + e.length) - offset });
  }
  if (root && scan.regions.length > 0) restoreOffsets(root, scan);
  return root;
}

/** The parser's nodes, before anyone else has seen them. */
type FreshNode = { -readonly [K in keyof JsonNode]: JsonNode[K] };

function restoreOffsets(root: JsonNode, scan: TextScan): void {
  const placeholders = new Map(scan.placeholderOffsets.map((offset, k) => [offset, k]));
  const pending: JsonNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()! as FreshNode;
    const k = node.type === 'array' && node.length === PLACEHOLDER.length ? placeholders.get(node.offset) : undefined;
    if (k !== undefined) {
      const region = scan.regions[k];
      node.offset = region.offset;
      node.length = region.length;
      scan.table.attach(node, region.id);
      continue;
    }
    const start = toOriginal(scan, node.offset);
    node.length = toOriginal(scan, node.offset + node.length) - start;
    node.offset = start;
    if (node.colonOffset !== undefined) node.colonOffset = toOriginal(scan, node.colonOffset);
    for (const child of node.children ?? []) pending.push(child);
  }
}
