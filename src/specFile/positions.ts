/** Offsets ↔ 1-based line/column (columns count UTF-16 code units, like VS Code and jsonc-parser offsets). */

export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Line starts of a text, computed once; "\n", "\r\n" and a lone "\r" all end a line. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offsets outside the text are clamped to it. */
  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(Math.floor(offset), this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: clamped - this.starts[low] + 1 };
  }

  /** Lines and columns outside the text are clamped to it (a column past the line end gives the line end). */
  offsetAt(position: Position): number {
    const line = Math.max(1, Math.min(Math.floor(position.line), this.starts.length));
    const start = this.starts[line - 1];
    const end = line < this.starts.length ? this.lineContentEnd(line) : this.text.length;
    return Math.max(start, Math.min(start + Math.floor(position.column) - 1, end));
  }

  private lineContentEnd(line: number): number {
    let end = this.starts[line];
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }
}

export function positionAt(text: string, offset: number): Position {
  return new LineIndex(text).positionAt(offset);
}

export function offsetAt(text: string, position: Position): number {
  return new LineIndex(text).offsetAt(position);
}
