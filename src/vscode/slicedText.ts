/**
 * Reads a long document's text a slice of lines at a time, yielding between slices. VS Code's extension host
 * keeps a document as an array of lines and joins them on getText(): for a spec with a million-line paste that
 * join blocked the host ~77 ms in one go when the language client sent didOpen. Slices keep each turn short.
 * No `vscode` import, so the host bench reads its documents the same way.
 */

/** What is read from the document: its version, its line count and the text of lines [start, end). */
export interface LineSource {
  readonly version: number;
  readonly lineCount: number;
  readonly isClosed: boolean;
  /** Lines start..end-1, each with its end-of-line except the document's last line. */
  linesText(start: number, end: number): string;
}

/** About 2 ms of joining per slice on a one-number-per-line paste. */
export const LINES_PER_SLICE = 20_000;

/** Edits during the read start it again; after this many the rest is read in one go (the old single join). */
const MAX_RESTARTS = 3;

export interface SlicedText {
  readonly text: string;
  /** The version the text is of: the document's version when the read ended. */
  readonly version: number;
}

/** Undefined when the document was closed before the read ended. */
export async function readInSlices(source: LineSource, pause: () => Promise<void>): Promise<SlicedText | undefined> {
  for (let attempt = 0; attempt <= MAX_RESTARTS; attempt++) {
    const version = source.version;
    let text = '';
    let start = 0;
    while (start < source.lineCount) {
      const end = Math.min(source.lineCount, start + LINES_PER_SLICE);
      text += source.linesText(start, end);
      start = end;
      await pause();
      if (source.isClosed) return undefined;
      if (source.version !== version) break;
    }
    if (source.version === version) return { text, version };
  }
  return { text: source.linesText(0, source.lineCount), version: source.version };
}
