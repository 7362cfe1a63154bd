/**
 * jsonc-parser's getLocation (the path at an offset, and the token just before it) for a scanned text: the
 * parser's visitor reads `scan.condensed`, and inside a packed array the same walk is made over the packed
 * table (binary search instead of a token per number), so a hover in a 10 MB paste stays instant.
 */
import { getLocation, type JSONPath } from 'jsonc-parser';
import type { PackedNumbers } from './packedNumbers';
import { MAX_NESTING_DEPTH } from './nestingLimit';
import { PACK_MIN_LENGTH, regionsEndedBy, scanTextOnce, toCondensed, toOriginal, type TextScan } from './textScan';

export interface TextLocation {
  readonly path: JSONPath;
  /** The literal or property key the offset is in or right after, as getLocation's previousNode. */
  readonly previousNode?: { readonly offset: number; readonly length: number };
}

/** undefined for text nested too deep to walk (nestingLimit.ts). */
export function locationAt(
  text: string,
  offset: number,
  packMinLength: number = PACK_MIN_LENGTH,
): TextLocation | undefined {
  const scan = scanTextOnce(text, packMinLength, MAX_NESTING_DEPTH);
  if (scan.deepOffset >= 0) return undefined;
  const k = regionAround(scan, offset);
  if (k < 0) {
    const location = getLocation(scan.condensed, toCondensed(scan, offset));
    const node = location.previousNode;
    if (!node) return { path: location.path };
    const start = toOriginal(scan, node.offset);
    return {
      path: location.path,
      previousNode: { offset: start, length: toOriginal(scan, node.offset + node.length) - start },
    };
  }
  // Inside a packed array: its own path is where the parser puts the placeholder's single item, minus that item.
  const outer = getLocation(scan.condensed, scan.placeholderOffsets[k] + 1).path.slice(0, -1);
  const path: (string | number)[] = [...outer];
  const previousNode = walkPacked(scan.table, scan.regions[k].id, offset, path, text);
  return previousNode ? { path, previousNode } : { path };
}

/** The region whose brackets enclose `offset` (after its `[`, up to and including its `]`), or -1. */
function regionAround(scan: TextScan, offset: number): number {
  const k = regionsEndedBy(scan, offset);
  return k < scan.regions.length && offset > scan.regions[k].offset ? k : -1;
}

/**
 * getLocation's visitor over array `id` for an offset after its `[` and not after its `]`: pushes the item
 * index (and deeper indices) onto `path`, returns the previous node.
 */
function walkPacked(
  table: PackedNumbers,
  id: number,
  offset: number,
  path: (string | number)[],
  text: string,
): { offset: number; length: number } | undefined {
  path.push(0);
  const depth = path.length - 1;
  const count = table.itemCount(id);
  // The last item starting at or before the offset.
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (table.itemStart(id, mid) <= offset) low = mid + 1;
    else high = mid;
  }
  const i = low - 1;
  if (i < 0) return undefined;
  path[depth] = i;
  const span = table.itemSpan(id, i);
  let previous: { offset: number; length: number } | undefined;
  if (span.array !== undefined) {
    // The visitor stops at an array's `[` before entering it, and inside it up to its `]`.
    if (offset === span.start) return undefined;
    if (offset < span.end) return walkPacked(table, span.array, offset, path, text);
  } else {
    previous = { offset: span.start, length: span.end - span.start };
    if (offset <= span.end) return previous;
  }
  if (i === count - 1) return previous;
  let comma = span.end;
  while (text.charCodeAt(comma) !== 0x2c /* , */) comma++;
  if (offset <= comma) return previous;
  path[depth] = i + 1;
  return undefined;
}
