/**
 * One linear pass over a spec's text, before jsonc-parser sees it:
 *  - the nesting check (nestingLimit.ts): the offset of the first bracket nested too deep;
 *  - arrays made only of JSON numbers, commas, brackets and plain whitespace, at least `packMinLength`
 *    characters long, read into a PackedNumbers table. The text handed to jsonc-parser has each of them
 *    replaced by `[0]` (`condensed`), and `toOriginal` maps its offsets back.
 * Tokens are read the way jsonc-parser's scanner reads them (strings end at a quote or a line break, comments
 * are skipped), and anything unusual inside an array (a comment, a string, a trailing comma, `01`, `NaN`, a
 * form feed) leaves that array to jsonc-parser, so the parser's tree and errors are the same either way.
 */
import { PackedNumbers } from './packedNumbers';

/** Arrays shorter than this (in characters) are left to jsonc-parser: the scan pays off on pasted data. */
export const PACK_MIN_LENGTH = 2048;

export interface PackedRegion {
  /** The array's id in the table. */
  readonly id: number;
  readonly offset: number;
  readonly length: number;
}

export interface TextScan {
  /** Offset of the first `[` or `{` nested more than maxDepth deep, or -1. */
  readonly deepOffset: number;
  readonly table: PackedNumbers;
  /** Packed arrays, by offset; none nest in another. */
  readonly regions: readonly PackedRegion[];
  /** The text with every region replaced by PLACEHOLDER (the text itself when there is none). */
  readonly condensed: string;
  /** Where each region's placeholder starts in `condensed`. */
  readonly placeholderOffsets: readonly number[];
}

export const PLACEHOLDER = '[0]';

const enum Token {
  None,
  Colon,
  Comma,
  OpenBracket,
  Other,
}

/** Pure array states: just opened, after an item, after a comma. */
const enum Expect {
  FirstItem,
  CommaOrClose,
  Item,
}

interface Frame {
  readonly bracket: boolean;
  readonly start: number;
  /** Still only numbers, brackets, commas and whitespace, well formed; only arrays in a value position start pure. */
  pure: boolean;
  expect: Expect;
  /** Holds numbers (1), arrays (0), or nothing yet (-1). */
  items: -1 | 0 | 1;
  firstValue: number;
  children: number[];
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

const ENCODER = new TextEncoder();

/**
 * The text as UTF-8 bytes. The scanner reads bytes, not `charCodeAt`: charCodeAt dispatches on the string's
 * representation (flat or concatenated, one or two bytes per character) at every character, and after the
 * fuzz run's 10,000 small specs V8's code for it made the scan of a 10 MB paste 4 times slower. A byte array
 * reads the same way whatever came before; the encoding itself is native (~10 ms for 10 MB).
 */
function utf8(text: string): { bytes: Uint8Array; length: number } {
  const bytes = new Uint8Array(text.length);
  const { read, written } = ENCODER.encodeInto(text, bytes);
  if (read === text.length) return { bytes, length: written };
  // Some characters took more than one byte: the rest goes into a buffer large enough for 3 bytes per unit.
  const larger = new Uint8Array(written + 3 * (text.length - read));
  larger.set(bytes.subarray(0, written));
  return { bytes: larger, length: written + ENCODER.encodeInto(text.slice(read), larger.subarray(written)).written };
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isPlainSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * Offsets: the scanner walks byte indexes and records text (UTF-16) offsets, `index - shift`. The shift grows
 * only where a character takes more bytes than UTF-16 units (outside ASCII: in strings, comments and stray
 * characters), never inside a run of numbers, so `shift` is updated whenever such bytes are skipped.
 */
class Scanner {
  readonly table: PackedNumbers;
  /** False when nothing may be packed: then the pass only checks the nesting. */
  private readonly packs: boolean;
  readonly regions: PackedRegion[] = [];
  private readonly stack: Frame[] = [];
  private readonly bytes: Uint8Array;
  private readonly n: number;
  /** Bytes minus UTF-16 units before the current index. */
  private shift = 0;

  constructor(
    private readonly text: string,
    private readonly packMinLength: number,
    private readonly maxDepth: number,
  ) {
    this.table = new PackedNumbers(text);
    this.packs = packMinLength !== Infinity;
    const { bytes, length } = utf8(text);
    this.bytes = bytes;
    this.n = length;
  }

  /** Adds the bytes in [from, to) to the shift: continuation bytes add one, a four-byte character's lead removes one (it is two UTF-16 units). */
  private skipped(from: number, to: number): void {
    const bytes = this.bytes;
    for (let k = from; k < to; k++) {
      const b = bytes[k];
      if (b >= 0x80) {
        if ((b & 0xc0) === 0x80) this.shift++;
        else if (b >= 0xf0) this.shift--;
      }
    }
  }

  /** Runs the pass; returns the text offset of the first bracket nested too deep, or -1. */
  run(): number {
    const { bytes, n, stack } = this;
    let previous = Token.None;
    let i = 0;
    while (i < n) {
      const ch = bytes[i];
      if (isPlainSpace(ch)) {
        i++;
        continue;
      }
      const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
      if (ch === 0x22 /* " */) {
        const end = this.skipString(i);
        this.skipped(i, end);
        i = end;
        this.spoil(top);
        previous = Token.Other;
      } else if (ch === 0x2f /* / */ && i + 1 < n && bytes[i + 1] === 0x2f) {
        const start = i;
        while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
        this.skipped(start, i);
        this.spoil(top);
      } else if (ch === 0x2f && i + 1 < n && bytes[i + 1] === 0x2a /* * */) {
        const start = i;
        i += 2;
        while (i < n && !(bytes[i] === 0x2a && i + 1 < n && bytes[i + 1] === 0x2f)) i++;
        i = Math.min(n, i + 2);
        this.skipped(start, i);
        this.spoil(top);
      } else if (ch === 0x5b /* [ */) {
        const inArray = top?.bracket === true;
        const valuePosition =
          previous === Token.Colon ||
          (inArray && (previous === Token.OpenBracket || previous === Token.Comma)) ||
          (!top && previous === Token.None);
        if (top?.pure) {
          if (top.expect === Expect.CommaOrClose || top.items === 1) this.spoil(top);
          else top.items = 0;
        }
        const start = i - this.shift;
        stack.push({
          bracket: true,
          start,
          pure: valuePosition && this.packs,
          expect: Expect.FirstItem,
          items: -1,
          firstValue: 0,
          children: [],
        });
        if (stack.length > this.maxDepth) return start;
        previous = Token.OpenBracket;
        i++;
      } else if (ch === 0x7b /* { */) {
        this.spoil(top);
        const start = i - this.shift;
        stack.push({
          bracket: false,
          start,
          pure: false,
          expect: Expect.FirstItem,
          items: -1,
          firstValue: 0,
          children: [],
        });
        if (stack.length > this.maxDepth) return start;
        previous = Token.Other;
        i++;
      } else if (ch === 0x5d /* ] */) {
        if (top?.bracket) {
          stack.pop();
          this.closeArray(top, i - this.shift);
        }
        previous = Token.Other;
        i++;
      } else if (ch === 0x7d /* } */) {
        if (top && !top.bracket) stack.pop();
        else this.spoil(top);
        previous = Token.Other;
        i++;
      } else if (ch === 0x2c /* , */) {
        if (top?.pure) {
          if (top.expect === Expect.CommaOrClose) top.expect = Expect.Item;
          else this.spoil(top);
        }
        previous = Token.Comma;
        i++;
      } else if (top?.pure && top.items !== 0 && top.expect !== Expect.CommaOrClose && (ch === 0x2d || isDigit(ch))) {
        i = this.readRow(i, top);
        previous = top.expect === Expect.Item ? Token.Comma : Token.Other;
      } else {
        if (ch === 0x3a /* : */) previous = Token.Colon;
        else previous = Token.Other;
        this.spoil(top);
        this.skipped(i, i + 1);
        i++;
      }
    }
    // Arrays left open at the end are not well formed; what they hold may still be packed.
    while (stack.length > 0) this.spoil(stack.pop());
    return -1;
  }

  /**
   * Numbers and commas of a row, in a tight loop (most of a pasted array): returns where the row's run ends,
   * at the first byte that is not whitespace, a comma or a number after a comma. Per number this is the
   * scan's hot path, so the table's buffers are held in locals and written back once. Only ASCII is read
   * here, so the shift is the same throughout.
   */
  private readRow(i: number, frame: Frame): number {
    const { bytes, n, table, shift } = this;
    let values = table.values;
    let starts = table.starts;
    const first = table.valueCount;
    let count = first;
    if (frame.items === -1) frame.firstValue = count;
    let failedAt = -1;
    for (;;) {
      const start = i;
      let c = bytes[i];
      const negative = c === 0x2d;
      if (negative) c = ++i < n ? bytes[i] : -1;
      let mantissa = 0;
      let digits = 0;
      if (c === 0x30) {
        c = ++i < n ? bytes[i] : -1;
        digits = 1;
      } else if (c >= 0x31 && c <= 0x39) {
        do {
          mantissa = mantissa * 10 + (c - 0x30);
          digits++;
          c = ++i < n ? bytes[i] : -1;
        } while (c >= 0x30 && c <= 0x39);
      } else {
        failedAt = start;
        break;
      }
      let fraction = 0;
      if (c === 0x2e /* . */) {
        c = ++i < n ? bytes[i] : -1;
        if (c < 0x30 || c > 0x39) {
          failedAt = start;
          break;
        }
        do {
          mantissa = mantissa * 10 + (c - 0x30);
          fraction++;
          c = ++i < n ? bytes[i] : -1;
        } while (c >= 0x30 && c <= 0x39);
        digits += fraction;
      }
      let value: number;
      if (c === 0x65 || c === 0x45 /* e E */) {
        // Rare in pasted data: checked here, converted by Number().
        c = ++i < n ? bytes[i] : -1;
        if (c === 0x2b || c === 0x2d) c = ++i < n ? bytes[i] : -1;
        if (c < 0x30 || c > 0x39) {
          failedAt = start;
          break;
        }
        do c = ++i < n ? bytes[i] : -1;
        while (c >= 0x30 && c <= 0x39);
        value = Number(this.text.slice(start - shift, i - shift));
      } else if (digits <= 15) {
        // Exact: the mantissa (at most 15 digits) and 10^fraction (fraction ≤ 15) are integers a double holds
        // exactly, and one division rounds correctly, as Number() does.
        value = mantissa / POW10[fraction];
        if (negative) value = -value;
      } else {
        value = Number(this.text.slice(start - shift, i - shift));
      }
      if (c !== 0x2c && c !== 0x5d && c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== -1) {
        failedAt = start;
        break;
      }
      if (count === values.length) {
        table.valueCount = count;
        table.grow();
        values = table.values;
        starts = table.starts;
      }
      values[count] = value;
      starts[count] = start - shift;
      count++;
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = ++i < n ? bytes[i] : -1;
      if (c !== 0x2c /* , */) {
        frame.expect = Expect.CommaOrClose;
        break;
      }
      c = ++i < n ? bytes[i] : -1;
      while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = ++i < n ? bytes[i] : -1;
      if (c !== 0x2d && (c < 0x30 || c > 0x39)) {
        frame.expect = Expect.Item;
        break;
      }
    }
    if (count > first) frame.items = 1;
    table.valueCount = count;
    if (failedAt >= 0) {
      this.spoil(frame);
      return failedAt + 1;
    }
    return i;
  }

  /** Like jsonc-parser: a string ends at its closing quote, a line break or the end of the text. */
  private skipString(i: number): number {
    const { bytes, n } = this;
    i++;
    while (i < n) {
      const c = bytes[i];
      if (c === 0x22) break;
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x0a || c === 0x0d) break;
      i++;
    }
    return Math.min(n, i + 1);
  }

  /** The array holds something other than well-formed numbers: its complete pure children become regions. */
  private spoil(frame: Frame | undefined): void {
    if (!frame?.bracket || !frame.pure) return;
    frame.pure = false;
    for (const child of frame.children) this.addRegion(child);
    frame.children = [];
  }

  private closeArray(frame: Frame, at: number): void {
    const parent = this.stack.length > 0 ? this.stack[this.stack.length - 1] : undefined;
    if (!frame.pure || frame.expect !== Expect.CommaOrClose) {
      this.spoil(frame);
      if (parent?.bracket) {
        // An item that is not a pure array spoils its parent too.
        this.spoil(parent);
        parent.expect = Expect.CommaOrClose;
      }
      return;
    }
    const id = this.table.addArray(frame.start, at, frame.firstValue, frame.items === 0 ? frame.children : []);
    if (parent?.pure) {
      parent.children.push(id);
      parent.expect = Expect.CommaOrClose;
    } else {
      if (parent?.bracket) parent.expect = Expect.CommaOrClose;
      this.addRegion(id);
    }
  }

  private addRegion(id: number): void {
    const offset = this.table.open.data[id];
    const length = this.table.close.data[id] + 1 - offset;
    if (length >= this.packMinLength) this.regions.push({ id, offset, length });
  }
}

function condense(text: string, regions: readonly PackedRegion[]): { condensed: string; placeholderOffsets: number[] } {
  if (regions.length === 0) return { condensed: text, placeholderOffsets: [] };
  const parts: string[] = [];
  const placeholderOffsets: number[] = [];
  let from = 0;
  let length = 0;
  for (const r of regions) {
    parts.push(text.slice(from, r.offset));
    length += r.offset - from;
    placeholderOffsets.push(length);
    parts.push(PLACEHOLDER);
    length += PLACEHOLDER.length;
    from = r.offset + r.length;
  }
  parts.push(text.slice(from));
  return { condensed: parts.join(''), placeholderOffsets };
}

export function scanText(text: string, packMinLength: number, maxDepth: number): TextScan {
  const scanner = new Scanner(text, packMinLength, maxDepth);
  const deepOffset = scanner.run();
  if (deepOffset >= 0)
    return { deepOffset, table: scanner.table, regions: [], condensed: text, placeholderOffsets: [] };
  const regions = [...scanner.regions].sort((a, b) => a.offset - b.offset);
  return { deepOffset, table: scanner.table, regions, ...condense(text, regions) };
}

/** How many of the first `count` items come before a point, given `isBefore(i)` holds for a prefix of them. */
function countBefore(count: number, isBefore: (i: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (isBefore(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The original offset of a position in `scan.condensed` (a placeholder's start maps to its region's start, its end to the region's end). */
export function toOriginal(scan: TextScan, condensedOffset: number): number {
  const offsets = scan.placeholderOffsets;
  // Placeholders that end at or before the position.
  const before = countBefore(offsets.length, (i) => offsets[i] + PLACEHOLDER.length <= condensedOffset);
  if (before === 0) return condensedOffset;
  const last = scan.regions[before - 1];
  return condensedOffset - offsets[before - 1] - PLACEHOLDER.length + last.offset + last.length;
}

/** How many regions end at or before `offset` (the index of the first one that does not). */
export function regionsEndedBy(scan: TextScan, offset: number): number {
  const regions = scan.regions;
  return countBefore(regions.length, (i) => regions[i].offset + regions[i].length <= offset);
}

/** The condensed offset of an original one; offsets inside a region give its placeholder's start. */
export function toCondensed(scan: TextScan, offset: number): number {
  const regions = scan.regions;
  const low = regionsEndedBy(scan, offset);
  if (low < regions.length && offset >= regions[low].offset) return scan.placeholderOffsets[low];
  if (low === 0) return offset;
  const last = regions[low - 1];
  return offset - last.offset - last.length + scan.placeholderOffsets[low - 1] + PLACEHOLDER.length;
}

let lastScan: { text: string; packMinLength: number; maxDepth: number; scan: TextScan } | undefined;

/**
 * scanText, remembering the last text: the worker validates a text and then answers hovers on the same text,
 * each of which needs the scan again.
 */
export function scanTextOnce(text: string, packMinLength: number, maxDepth: number): TextScan {
  if (lastScan && lastScan.packMinLength === packMinLength && lastScan.maxDepth === maxDepth && lastScan.text === text)
    return lastScan.scan;
  const scan = scanText(text, packMinLength, maxDepth);
  lastScan = { text, packMinLength, maxDepth, scan };
  return scan;
}
