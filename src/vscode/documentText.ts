/**
 * A document's text without blocking the extension host. VS Code's `TextDocument.getText()` joins the lines
 * the host mirrors (once per version): ~60 ms for a million lines, a pasted array formatted one number per line.
 * A document with more lines than a slice is therefore read slice by slice (`getText(range)` costs the lines
 * in the range), one slice per turn of the event loop, and the slices are concatenated without copying (the
 * worker message copies the text once, as it does anyway). No `vscode` here: specText.ts adapts a TextDocument.
 */

export interface LinesDocument {
  readonly version: number;
  readonly lineCount: number;
  getText(): string;
  /** Lines [start, end), each with its line break (the document's last line has none). */
  getLines(start: number, end: number): string;
}

/** At ~60 ns a line, a slice costs the host ~6 ms. */
export const LINES_PER_SLICE = 100_000;

/** setTimeout, not setImmediate: the web extension host is a web worker. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The text of `document` as it is now: at once (a string) when it has at most `linesPerSlice` lines, else a
 * promise of it, or of undefined when the document changed while it was being read.
 */
export function documentText(document: LinesDocument, linesPerSlice = LINES_PER_SLICE, turn: () => Promise<void> = nextTurn): string | Promise<string | undefined> {
  if (document.lineCount <= linesPerSlice) return document.getText();
  return readInSlices(document, linesPerSlice, turn);
}

async function readInSlices(document: LinesDocument, linesPerSlice: number, turn: () => Promise<void>): Promise<string | undefined> {
  const version = document.version;
  let text = '';
  for (let start = 0; start < document.lineCount; start += linesPerSlice) {
    if (start > 0) await turn();
    if (document.version !== version) return undefined;
    text += document.getLines(start, Math.min(start + linesPerSlice, document.lineCount));
  }
  return text;
}
