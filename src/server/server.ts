/**
 * The tconv language server: one document store (LSP incremental sync), one analysis per document version, and
 * every editor feature read from it. The same code runs over Node IPC (VS Code desktop), in a Web Worker (VS Code
 * for the Web) and over stdio (`tconv lsp --stdio`, for other editors); each entry point only makes the connection.
 */
import * as l10n from '@vscode/l10n';
import {
  CodeLensRefreshRequest,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { quickFixes } from './codeActions';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { DocumentAnalyses } from './documentAnalyses';
import { specHover } from './hover';
import { JsonFeatures } from './jsonFeatures';
import { layerLenses } from './layerLenses';
import { rangeOf } from './lspConvert';
import { PreviewRequest, VerifyRequest, type TconvInitializationOptions, type TconvServerSettings } from './protocol';
import { normalizeSettings } from './settings';
import { SpecRequests } from './specRequests';
import { inlineVerifier, type Verifier } from './verifier';

export interface TconvServer {
  readonly documents: TextDocuments<TextDocument>;
  readonly analyses: DocumentAnalyses;
}

export interface ServerOptions {
  /** Who runs verifications, made once the client's message bundle is known (default: inline). */
  readonly createVerifier?: (l10nBundle: Readonly<Record<string, string>> | undefined) => Verifier;
}

export function startTconvServer(connection: Connection, serverOptions: ServerOptions = {}): TconvServer {
  const documents = new TextDocuments(TextDocument);
  let settings: TconvServerSettings = normalizeSettings(undefined);
  const analyses = new DocumentAnalyses(() => settings.maxElements);
  const json = new JsonFeatures();
  let verifier: Verifier = inlineVerifier;
  const requests = new SpecRequests(
    (uri) => documents.get(uri),
    analyses,
    () => settings.maxElements,
    () => verifier,
  );
  let publisher: DiagnosticsPublisher | undefined;
  let codeLensRefresh = false;

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as TconvInitializationOptions;
    if (options.l10nBundle) l10n.config({ contents: { ...options.l10nBundle } });
    settings = normalizeSettings(options.settings);
    if (serverOptions.createVerifier) verifier = serverOptions.createVerifier(options.l10nBundle);
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const extension = options.tconvExtension === true;
    publisher = new DiagnosticsPublisher(connection, documents, analyses, () => settings, options.docsUrl, extension);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        ...(extension ? { codeLensProvider: { resolveProvider: false } } : {}),
        completionProvider: { triggerCharacters: ['"', ':'] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        foldingRangeProvider: true,
        documentSymbolProvider: true,
        selectionRangeProvider: true,
      },
      serverInfo: { name: 'tconv' },
    };
  });

  connection.onDidChangeConfiguration((params) => {
    const raw = (params.settings as { tconv?: unknown } | null)?.tconv;
    if (raw === undefined) return;
    settings = normalizeSettings(raw);
    analyses.clear();
    publisher?.refreshAll();
    if (codeLensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  documents.onDidClose(({ document }) => json.forget(document.uri));

  connection.onHover(async ({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    return document ? specHover(document, analyses.get(document), position, json) : null;
  });

  connection.onCodeAction((params) => {
    const document = documents.get(params.textDocument.uri);
    return document ? quickFixes(document, analyses.get(document), params) : [];
  });

  connection.onCodeLens(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    if (!document || !settings.codeLens) return [];
    return layerLenses(analyses.get(document)).map((lens) => ({
      range: rangeOf(document, lens.offset, 0),
      command: {
        title: lens.title,
        command: lens.command,
        ...(lens.command ? { arguments: [document.uri] } : {}),
        ...(lens.tooltip ? { tooltip: lens.tooltip } : {}),
      },
    }));
  });

  connection.onCompletion(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    return document ? json.complete(document, position) : null;
  });

  connection.onDocumentFormatting(({ textDocument, options }) => {
    const document = documents.get(textDocument.uri);
    return document ? json.format(document, undefined, options) : [];
  });

  connection.onDocumentRangeFormatting(({ textDocument, range, options }) => {
    const document = documents.get(textDocument.uri);
    return document ? json.format(document, range, options) : [];
  });

  connection.onFoldingRanges(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    return document ? json.foldingRanges(document) : [];
  });

  connection.onDocumentSymbol(({ textDocument }) => {
    const document = documents.get(textDocument.uri);
    return document ? json.symbols(document) : [];
  });

  connection.onSelectionRanges(({ textDocument, positions }) => {
    const document = documents.get(textDocument.uri);
    return document ? json.selectionRanges(document, positions) : [];
  });

  connection.onRequest(VerifyRequest, (params, token) => requests.verify(params, token));
  connection.onRequest(PreviewRequest, (params) => requests.preview(params));

  documents.listen(connection);
  connection.listen();
  return { documents, analyses };
}
