/**
 * A document's text as VS Code's extension host mirrors it (MirrorTextModel / ExtHostDocumentData): an array of
 * lines with one end-of-line sequence, an edit replacing the lines it touches, the whole text joined on the first
 * getText() of a version, line starts built on the first offset ↔ position conversion of a version. What the
 * editor does to hold a document is not the extension's work; it is modelled so that the benches' client costs
 * what VS Code's costs, not more (a flat 10 MB string rebuilt per edit would be).
 */
import type { Position, Range } from 'vscode-languageserver-protocol';

export class ClientText {
  private readonly lines: string[];
  private readonly eol: string;
  private joined: string | undefined;
  private starts: Float64Array | undefined;

  constructor(text: string) {
    this.eol = text.includes('\r\n') ? '\r\n' : '\n';
    this.lines = text.split(/\r\n|\r|\n/);
  }

  get lineCount(): number {
    return this.lines.length;
  }

  get length(): number {
    return this.lineStarts()[this.lines.length] - this.eol.length;
  }

  getText(): string {
    this.joined ??= this.lines.join(this.eol);
    return this.joined;
  }

  /** Lines start..end-1 with their end-of-line except the last line's: getText(range) over whole lines. */
  linesText(start: number, end: number): string {
    const last = Math.min(end, this.lines.length);
    return this.lines.slice(start, last).join(this.eol) + (last < this.lines.length ? this.eol : '');
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts();
    const o = Math.max(0, Math.floor(offset));
    let low = 0;
    let high = this.lines.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= o) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: Math.min(o - starts[low], this.lines[low].length) };
  }

  offsetAt(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.lines.length - 1));
    return this.lineStarts()[line] + Math.max(0, Math.min(position.character, this.lines[line].length));
  }

  /** Replaces `range` with `text`: the first and last lines it touches are rebuilt, the ones between replaced. */
  edit(range: Range, text: string): void {
    const { start, end } = range;
    const inserted = (
      this.lines[start.line].slice(0, start.character) +
      text +
      this.lines[end.line].slice(end.character)
    ).split(/\r\n|\r|\n/);
    this.lines.splice(start.line, end.line - start.line + 1, ...inserted);
    this.joined = undefined;
    this.starts = undefined;
  }

  private lineStarts(): Float64Array {
    if (!this.starts) {
      const starts = new Float64Array(this.lines.length + 1);
      for (let i = 0; i < this.lines.length; i++) starts[i + 1] = starts[i] + this.lines[i].length + this.eol.length;
      this.starts = starts;
    }
    return this.starts;
  }
}
