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

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The character code at `i`, or -1 past the end. charCodeAt itself gives NaN there, a double where V8 expects
 * small integers, and in the fuzz run the scanner lost its optimised code over it (twice as slow).
 */
function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isPlainSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * Reads a JSON number at `i` (strict grammar, followed by whitespace, `,`, `]` or the end) into `out.value`;
 * returns its end, or -1 when it is not one. Up to 15 digits with a decimal exponent within ±22 are converted
 * with one correctly rounded division or multiplication (exact, as Number() is); anything else by Number().
 */
function readNumber(text: string, i: number, out: { value: number }): number {
  let j = i;
  const negative = codeAt(text, j) === 0x2d;
  if (negative) j++;
  let c = codeAt(text, j);
  let mantissa = 0;
  let digits = 0;
  if (c === 0x30) {
    j++;
    digits = 1;
  } else if (c >= 0x31 && c <= 0x39) {
    while (isDigit((c = codeAt(text, j)))) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      j++;
    }
  } else {
    return -1;
  }
  let fraction = 0;
  if (codeAt(text, j) === 0x2e /* . */) {
    j++;
    if (!isDigit(codeAt(text, j))) return -1;
    while (isDigit((c = codeAt(text, j)))) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      fraction++;
      j++;
    }
  }
  let exponent = 0;
  let exponentDigits = 0;
  c = codeAt(text, j);
  if (c === 0x65 || c === 0x45 /* e E */) {
    j++;
    let sign = 1;
    c = codeAt(text, j);
    if (c === 0x2b || c === 0x2d) {
      if (c === 0x2d) sign = -1;
      j++;
    }
    if (!isDigit(codeAt(text, j))) return -1;
    while (isDigit((c = codeAt(text, j)))) {
      if (exponentDigits < 6) exponent = exponent * 10 + (c - 0x30);
      exponentDigits++;
      j++;
    }
    exponent *= sign;
  }
  c = codeAt(text, j);
  if (j < text.length && !isPlainSpace(c) && c !== 0x2c && c !== 0x5d) return -1;
  const scale = fraction - exponent;
  if (digits <= 15 && exponentDigits < 6 && scale >= -22 && scale <= 22) {
    const magnitude = scale >= 0 ? mantissa / POW10[scale] : mantissa * POW10[-scale];
    out.value = negative ? -magnitude : magnitude;
  } else {
    out.value = Number(text.slice(i, j));
  }
  return j;
}

class Scanner {
  readonly table: PackedNumbers;
  /** False when nothing may be packed: then the pass only checks the nesting. */
  private readonly packs: boolean;
  readonly regions: PackedRegion[] = [];
  private readonly stack: Frame[] = [];
  private readonly number = { value: 0 };

  constructor(
    private readonly text: string,
    private readonly packMinLength: number,
    private readonly maxDepth: number,
  ) {
    this.table = new PackedNumbers(text);
    this.packs = packMinLength !== Infinity;
  }

  /** Runs the pass; returns the offset of the first bracket nested too deep, or -1. */
  run(): number {
    const { text, stack } = this;
    const n = text.length;
    let previous = Token.None;
    let i = 0;
    while (i < n) {
      const ch = text.charCodeAt(i);
      if (isPlainSpace(ch)) {
        i++;
        continue;
      }
      const top = stack.length > 0 ? stack[stack.length - 1] : undefined;
      if (ch === 0x22 /* " */) {
        i = this.skipString(i);
        this.spoil(top);
        previous = Token.Other;
      } else if (ch === 0x2f /* / */ && codeAt(text, i + 1) === 0x2f) {
        while (i < n && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i++;
        this.spoil(top);
      } else if (ch === 0x2f && codeAt(text, i + 1) === 0x2a /* * */) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 2;
        this.spoil(top);
      } else if (ch === 0x5b /* [ */) {
        const inArray = top?.bracket === true;
        const valuePosition = previous === Token.Colon || (inArray && (previous === Token.OpenBracket || previous === Token.Comma)) || (!top && previous === Token.None);
        if (top?.pure) {
          if (top.expect === Expect.CommaOrClose || top.items === 1) this.spoil(top);
          else top.items = 0;
        }
        stack.push({ bracket: true, start: i, pure: valuePosition && this.packs, expect: Expect.FirstItem, items: -1, firstValue: 0, children: [] });
        if (stack.length > this.maxDepth) return i;
        previous = Token.OpenBracket;
        i++;
      } else if (ch === 0x7b /* { */) {
        this.spoil(top);
        stack.push({ bracket: false, start: i, pure: false, expect: Expect.FirstItem, items: -1, firstValue: 0, children: [] });
        if (stack.length > this.maxDepth) return i;
        previous = Token.Other;
        i++;
      } else if (ch === 0x5d /* ] */) {
        if (top?.bracket) {
          stack.pop();
          this.closeArray(top, i);
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
        i++;
      }
    }
    // Arrays left open at the end are not well formed; what they hold may still be packed.
    while (stack.length > 0) this.spoil(stack.pop());
    return -1;
  }

  /**
   * Numbers and commas of a row, in a tight loop (most of a pasted array): returns where the row's run ends,
   * at the first character that is not whitespace, a comma or a number after a comma.
   */
  private readRow(i: number, frame: Frame): number {
    const { text, table, number } = this;
    for (;;) {
      const end = readNumber(text, i, number);
      if (end < 0) {
        this.spoil(frame);
        return i + 1;
      }
      const index = table.addValue(number.value, i);
      if (frame.items === -1) frame.firstValue = index;
      frame.items = 1;
      frame.expect = Expect.CommaOrClose;
      i = end;
      let c = codeAt(text, i);
      while (isPlainSpace(c)) c = codeAt(text, ++i);
      if (c !== 0x2c /* , */) return i;
      frame.expect = Expect.Item;
      c = codeAt(text, ++i);
      while (isPlainSpace(c)) c = codeAt(text, ++i);
      if (c !== 0x2d && !isDigit(c)) return i;
    }
  }

  /** Like jsonc-parser: a string ends at its closing quote, a line break or the end of the text. */
  private skipString(i: number): number {
    const { text } = this;
    const n = text.length;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x0a || c === 0x0d) break;
      i++;
    }
    return i + 1;
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
  if (deepOffset >= 0) return { deepOffset, table: scanner.table, regions: [], condensed: text, placeholderOffsets: [] };
  const regions = [...scanner.regions].sort((a, b) => a.offset - b.offset);
  return { deepOffset, table: scanner.table, regions, ...condense(text, regions) };
}

/** The original offset of a position in `scan.condensed` (a placeholder's start maps to its region's start, its end to the region's end). */
export function toOriginal(scan: TextScan, condensedOffset: number): number {
  const offsets = scan.placeholderOffsets;
  // Count placeholders that end at or before the position.
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid] + PLACEHOLDER.length <= condensedOffset) low = mid + 1;
    else high = mid;
  }
  if (low === 0) return condensedOffset;
  const last = scan.regions[low - 1];
  return condensedOffset - offsets[low - 1] - PLACEHOLDER.length + last.offset + last.length;
}

/** How many regions end at or before `offset` (the index of the first one that does not). */
export function regionsEndedBy(scan: TextScan, offset: number): number {
  const regions = scan.regions;
  let low = 0;
  let high = regions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (regions[mid].offset + regions[mid].length <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
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
  if (lastScan && lastScan.packMinLength === packMinLength && lastScan.maxDepth === maxDepth && lastScan.text === text) return lastScan.scan;
  const scan = scanText(text, packMinLength, maxDepth);
  lastScan = { text, packMinLength, maxDepth, scan };
  return scan;
}
