/**
 * A document's text without blocking the extension host. VS Code's `TextDocument.getText()` builds the whole
 * text from the lines the host mirrors: a 10 MB copy (10–50 ms), or ~60 ms of joining for a million lines; and
 * sending one string to a worker copies it whole again. So a large document is never made into one string in
 * the host: it is read as parts of at most PART_CHARS characters and PART_LINES lines, one part per turn of the
 * event loop (`getText(range)` costs the range: a range within one long line is a substring, which is not even
 * copied), and the parts go to the worker one message per turn (AnalysisClient), which joins them.
 * No `vscode` here: specText.ts adapts a TextDocument.
 */

/** What the host sends a worker: a text, or its consecutive parts. */
export type SpecText = string | readonly string[];

export interface TextPosition {
  readonly line: number;
  readonly character: number;
}

/** The part of a TextDocument read here (VS Code semantics: positions clamp to the text, ranges use its end of line). */
export interface TextSource {
  readonly version: number;
  readonly lineCount: number;
  /** Characters in the document. */
  readonly length: number;
  getText(): string;
  positionAt(offset: number): TextPosition;
  offsetAt(position: TextPosition): number;
  /** getText(new Range(start, end)). */
  getRange(start: TextPosition, end: TextPosition): string;
}

/** A part costs the host at most ~2 ms to read (a copy of a megabyte, or ~6 ms joining 100,000 lines) or to send. */
export const PART_CHARS = 1 << 20;
export const PART_LINES = 100_000;

/** setTimeout, not setImmediate: the web extension host is a web worker. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface PartLimits {
  readonly chars: number;
  readonly lines: number;
}

const DEFAULT_LIMITS: PartLimits = { chars: PART_CHARS, lines: PART_LINES };

/**
 * The text of `document` as it is now: a string, at once, when it fits one part; else a promise of its parts,
 * or of undefined when the document changed while it was being read.
 */
export function documentText(document: TextSource, limits: PartLimits = DEFAULT_LIMITS, turn: () => Promise<void> = nextTurn): SpecText | Promise<SpecText | undefined> {
  if (document.lineCount <= limits.lines && document.length <= limits.chars) return document.getText();
  return readParts(document, limits, turn);
}

async function readParts(document: TextSource, limits: PartLimits, turn: () => Promise<void>): Promise<readonly string[] | undefined> {
  const version = document.version;
  const length = document.length;
  const parts: string[] = [];
  let start = 0;
  let from: TextPosition = { line: 0, character: 0 };
  while (start < length) {
    if (parts.length > 0) await turn();
    if (document.version !== version) return undefined;
    let to = document.positionAt(Math.min(start + limits.chars, length));
    if (to.line - from.line > limits.lines) to = { line: from.line + limits.lines, character: 0 };
    parts.push(document.getRange(from, to));
    // Positions, not offsets, chain the parts: an offset between "\r" and "\n" clamps to the line's end, and the
    // next part then starts there, line break included.
    const next = document.offsetAt(to);
    if (next <= start) throw new Error(`documentText: no progress at offset ${start}`);
    start = next;
    from = to;
  }
  return parts;
}

/** Whether documentText is still reading (a promise), or gave the text at once. */
export function isReading(text: SpecText | Promise<SpecText | undefined>): text is Promise<SpecText | undefined> {
  return typeof text !== 'string' && !Array.isArray(text);
}

/** The parts a text is sent in: a long string is cut into substrings (which V8 makes without copying). */
export function textParts(text: SpecText, chars = PART_CHARS): readonly string[] {
  if (typeof text !== 'string') return text.length > 0 ? text : [''];
  if (text.length <= chars) return [text];
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += chars) parts.push(text.slice(i, i + chars));
  return parts;
}

/** The whole text (for tests and fallbacks: this is the copy the parts avoid). */
export function joinText(text: SpecText): string {
  return typeof text === 'string' ? text : text.join('');
}

interface CachedText {
  readonly version: number;
  readonly text: SpecText | Promise<SpecText | undefined>;
}

/**
 * The text of each document's current version, read once and shared by everything that needs it (the analysis,
 * the preview, the Testing view, hovers). Keyed by the document object, which VS Code keeps while the document is
 * open; it holds the parts (mostly substrings of VS Code's own lines), as VS Code caches getText() per version.
 */
export class DocumentTexts<K extends object> {
  private readonly texts = new WeakMap<K, CachedText>();

  constructor(
    private readonly limits: PartLimits = DEFAULT_LIMITS,
    private readonly turn: () => Promise<void> = nextTurn,
  ) {}

  /** documentText(document), or the same text when this version was read already. */
  read(key: K, document: TextSource): SpecText | Promise<SpecText | undefined> {
    const known = this.texts.get(key);
    if (known && known.version === document.version) return known.text;
    const entry: CachedText = { version: document.version, text: documentText(document, this.limits, this.turn) };
    this.texts.set(key, entry);
    if (isReading(entry.text)) {
      // A read that the next version overtook is not kept.
      void entry.text.then((text) => {
        if (text === undefined && this.texts.get(key) === entry) this.texts.delete(key);
      });
    }
    return entry.text;
  }

  forget(key: K): void {
    this.texts.delete(key);
  }
}
