/** The language client's didOpen for long specs: the text is read in slices (slicedText.ts) before it is sent. */
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';
import { LINES_PER_SLICE, readInSlices, type LineSource } from './slicedText';

function lineSource(document: vscode.TextDocument): LineSource {
  return {
    get version() {
      return document.version;
    },
    get lineCount() {
      return document.lineCount;
    },
    get isClosed() {
      return document.isClosed;
    },
    // A range past the last line ends at the document's end (VS Code clamps it).
    linesText: (start, end) => document.getText(new vscode.Range(start, 0, end, 0)),
  };
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The document as the client reads it for didOpen: the same object, with the text already read. */
function withText(document: vscode.TextDocument, text: string): vscode.TextDocument {
  const read: vscode.TextDocument = Object.create(document);
  Object.defineProperty(read, 'getText', {
    value: (range?: vscode.Range) => (range ? document.getText(range) : text),
  });
  return read;
}

export const slicedDidOpen: NonNullable<Middleware['didOpen']> = async (document, next) => {
  if (document.lineCount <= LINES_PER_SLICE) return next(document);
  const read = await readInSlices(lineSource(document), nextTurn);
  if (read === undefined) return;
  // Edits made during the read were sent before this didOpen and dropped by the server (it did not have the
  // document yet): the text sent must be of the document's version now, in this turn.
  return next(read.version === document.version ? withText(document, read.text) : document);
};
