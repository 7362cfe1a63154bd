/**
 * The tconv language server in this process, driven as an editor drives it: the server's end of an in-memory
 * connection pair (two PassThrough streams) is the `startTconvServer` the entry points run (verifying inline, as
 * in the browser), the other end is a
 * vscode-jsonrpc connection that, like tconv's VS Code extension, opens, edits and closes documents (incremental
 * changes) and records what the server publishes.
 */
import { PassThrough } from 'node:stream';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import {
  CodeLensRefreshRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  type ClientCapabilities,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConnection, type Connection } from 'vscode-languageserver/node';
import {
  AnalyzedNotification,
  type AnalyzedParams,
  type TconvInitializationOptions,
} from '../../../src/server/protocol';
import { startTconvServer, type TconvServer } from '../../../src/server/server';
import { Arrivals } from './arrivals';

export interface HarnessOptions {
  /** Sent as they are, with tconvExtension: true unless they say otherwise (the client is tconv's extension). */
  readonly initializationOptions?: TconvInitializationOptions;
  readonly capabilities?: ClientCapabilities;
}

/** A published diagnostic's message as text (LSP 3.18 allows Markdown; the server sends plain strings). */
export function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

const describePublish = (p: PublishDiagnosticsParams) =>
  `${p.uri} v${p.version ?? '-'} [${p.diagnostics.map((d) => d.code).join(', ')}]`;

export class ServerHarness {
  readonly diagnostics = new Arrivals<PublishDiagnosticsParams>(describePublish);
  readonly analyzed = new Arrivals<AnalyzedParams>((a) => `${a.uri} v${a.version} "${a.status.text}"`);
  /** How many times the server asked the client to refresh its CodeLens. */
  codeLensRefreshes = 0;
  private readonly open = new Map<string, TextDocument>();

  private constructor(
    readonly client: MessageConnection,
    private readonly serverConnection: Connection,
    readonly server: TconvServer,
    private readonly streams: readonly PassThrough[],
  ) {
    client.onNotification(PublishDiagnosticsNotification.type, (params) => this.diagnostics.add(params));
    client.onNotification(AnalyzedNotification, (params) => this.analyzed.add(params));
    client.onRequest(CodeLensRefreshRequest.type, () => {
      this.codeLensRefreshes++;
    });
  }

  /** A server that has answered `initialize` and received `initialized`. */
  static async start(options: HarnessOptions = {}): Promise<ServerHarness> {
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const server = startTconvServer(serverConnection);
    const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const harness = new ServerHarness(client, serverConnection, server, [toServer, toClient]);
    client.listen();
    // processId null: with a number, vscode-languageserver would poll that process (and never let mocha end).
    await client.sendRequest(InitializeRequest.type, {
      processId: null,
      rootUri: null,
      capabilities: options.capabilities ?? {},
      initializationOptions: { tconvExtension: true, ...options.initializationOptions },
    });
    await client.sendNotification(InitializedNotification.type, {});
    return harness;
  }

  /** The text the client has for an open document. */
  text(uri: string): string {
    return this.document(uri).getText();
  }

  version(uri: string): number {
    return this.document(uri).version;
  }

  async openDocument(uri: string, text: string, version = 1): Promise<void> {
    this.open.set(uri, TextDocument.create(uri, 'tconv', version, text));
    await this.client.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'tconv', version, text },
    });
  }

  /** Sends `changes` (ranges in the text as it was before each) as the next version; returns that version. */
  async change(uri: string, ...changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const next = TextDocument.update(this.document(uri), changes, this.version(uri) + 1);
    this.open.set(uri, next);
    await this.client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: next.version },
      contentChanges: changes,
    });
    return next.version;
  }

  /** Inserts `text` at a UTF-16 offset of the current text. */
  insert(uri: string, offset: number, text: string): Promise<number> {
    const at = this.document(uri).positionAt(offset);
    return this.change(uri, { range: { start: at, end: at }, text });
  }

  /** Replaces the whole text with one ranged change (as an editor sends "select all, paste"). */
  replaceAll(uri: string, text: string): Promise<number> {
    const document = this.document(uri);
    return this.change(uri, {
      range: { start: { line: 0, character: 0 }, end: document.positionAt(document.getText().length) },
      text,
    });
  }

  async closeDocument(uri: string): Promise<void> {
    this.open.delete(uri);
    await this.client.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The diagnostics published for `uri` at `version`, counting from the `from`-th publish. */
  published(uri: string, version: number, from = 0): Promise<PublishDiagnosticsParams> {
    return this.diagnostics.waitFor(
      `publishDiagnostics for ${uri} v${version}`,
      (p) => p.uri === uri && p.version === version,
      from,
    );
  }

  /**
   * A request and its answer: the server handles messages in order and the client reads them in order, so by then
   * every message sent before has been handled, and whatever the server sent while handling them has arrived.
   */
  async roundTrip(): Promise<void> {
    await this.client.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: 'tconv-test:/round-trip' } });
  }

  /** Closes what is open (so no diagnostics timer outlives the connection), then ends both ends of the pair. */
  async dispose(): Promise<void> {
    for (const uri of [...this.open.keys()]) await this.closeDocument(uri);
    await this.roundTrip();
    this.client.dispose();
    this.serverConnection.dispose();
    for (const stream of this.streams) stream.end();
  }

  private document(uri: string): TextDocument {
    const document = this.open.get(uri);
    if (!document) throw new Error(`${uri} is not open in the test client`);
    return document;
  }
}
