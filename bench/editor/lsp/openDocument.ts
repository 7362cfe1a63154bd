/**
 * A spec open in the editor, as the client syncs it to the server: didOpen with the whole text, then each edit as
 * an incremental didChange (the replaced range in the previous version, its length, the new text), then didClose.
 * The client's copy of the text (ClientText, modelled on VS Code's) gives the edits' positions.
 */
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  type DidChangeTextDocumentParams,
  type Position,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { ClientText } from './clientText';

export const SPEC_LANGUAGE = 'tconv';

export class OpenDocument {
  private readonly mirror: ClientText;
  private currentVersion = 1;

  constructor(
    private readonly connection: ProtocolConnection,
    readonly uri: string,
    text: string,
  ) {
    this.mirror = new ClientText(text);
  }

  get version(): number {
    return this.currentVersion;
  }

  get text(): string {
    return this.mirror.getText();
  }

  positionAt(offset: number): Position {
    return this.mirror.positionAt(offset);
  }

  open(): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: this.uri, languageId: SPEC_LANGUAGE, version: this.version, text: this.text },
    });
  }

  /**
   * The next version: `length` characters at `offset` replaced with `text`. Applied to the client's copy now (the
   * editor's model has the edit before the client sees it); the notification goes when `send` is called.
   */
  edit(offset: number, length: number, text: string): DidChangeTextDocumentParams {
    const range = { start: this.mirror.positionAt(offset), end: this.mirror.positionAt(offset + length) };
    const contentChanges = [{ range, rangeLength: length, text }];
    this.mirror.edit(range, text);
    this.currentVersion++;
    return { textDocument: { uri: this.uri, version: this.version }, contentChanges };
  }

  send(change: DidChangeTextDocumentParams): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, change);
  }

  close(): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri } });
  }
}
