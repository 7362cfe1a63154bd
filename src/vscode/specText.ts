import * as vscode from 'vscode';
import { SupersededError, type SpecSource } from './analysisClient';
import { EditLog, isDocumentVersion, type DocumentVersion } from './documentEdits';
import { DocumentTexts, type SpecText, type TextSource } from './documentText';
import { isSpecDocument } from './specDocuments';

/** A TextDocument as documentText reads it. */
export function textSource(document: vscode.TextDocument): TextSource {
  return {
    get version() {
      return document.version;
    },
    get lineCount() {
      return document.lineCount;
    },
    get length() {
      return document.offsetAt(document.lineAt(document.lineCount - 1).range.end);
    },
    getText: () => document.getText(),
    positionAt: (offset) => document.positionAt(offset),
    offsetAt: (p) => document.offsetAt(new vscode.Position(p.line, p.character)),
    getRange: (start, end) => document.getText(new vscode.Range(start.line, start.character, end.line, end.character)),
  };
}

const texts = new DocumentTexts<vscode.TextDocument>();

/**
 * The text of the document's current version, shared by all who ask for it: at once when it is small, else a
 * promise of its parts (of undefined when the document changed while it was read).
 */
export function currentText(document: vscode.TextDocument): SpecText | Promise<SpecText | undefined> {
  return texts.read(document, textSource(document));
}

const editLogs = new WeakMap<vscode.TextDocument, EditLog>();
const documentIds = new WeakMap<vscode.TextDocument, number>();
let lastDocumentId = 0;

/**
 * Records the edits of every open spec or JSON document from now on (register it before anything asks for a
 * document's text, so no change is missed; a missed one only costs a full read).
 */
export function trackDocumentEdits(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeTextDocument((e) => {
      // Specs and JSON documents only: not the output channels and other documents that change all the time.
      if (!isSpecDocument(e.document) && e.document.languageId !== 'json' && e.document.languageId !== 'jsonc') return;
      let log = editLogs.get(e.document);
      if (!log) editLogs.set(e.document, (log = new EditLog()));
      log.record(
        e.document.version,
        e.contentChanges.map((c) => ({ offset: c.rangeOffset, deleted: c.rangeLength, text: c.text })),
      );
    }),
    vscode.workspace.onDidCloseTextDocument((d) => editLogs.delete(d)),
  );
}

/** The document as it is now, for the analysis client: read whole only if the worker lacks an earlier version. */
export function documentVersion(document: vscode.TextDocument): DocumentVersion {
  let id = documentIds.get(document);
  if (id === undefined) documentIds.set(document, (id = ++lastDocumentId));
  const version = document.version;
  return {
    document: id,
    version,
    read: () => (document.version === version ? currentText(document) : undefined),
    editsFrom: (from) => editLogs.get(document)?.between(from, version),
  };
}

/** A spec as the analysis client takes it: the open document (unsaved edits included), else the file's text. */
export async function specSource(uri: vscode.Uri): Promise<SpecSource> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return documentVersion(open);
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** How often a request on an open document that keeps changing before it is read is made again. */
const READ_ATTEMPTS = 3;

/**
 * `request` on the spec as it is now; made again on the newer version when the document changed before it was
 * read (a Testing-view run the user started should not fail because they kept typing).
 */
export async function onCurrentSpec<T>(uri: vscode.Uri, request: (source: SpecSource) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const source = await specSource(uri);
    try {
      return await request(source);
    } catch (e) {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      const changed = isDocumentVersion(source) && open !== undefined && open.version !== source.version;
      if (!(e instanceof SupersededError) || !changed || attempt >= READ_ATTEMPTS) throw e;
    }
  }
}
