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
import {
  ImportOnnxRequest,
  PlanesRequest,
  PreviewRequest,
  VerifyProgressType,
  VerifyRequest,
  type TconvInitializationOptions,
  type TconvServerSettings,
} from './protocol';
import { importOnnx } from './onnxImport';
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
  const analyses = new DocumentAnalyses(() => settings.memoryBudget);
  const json = new JsonFeatures();
  let verifier: Verifier = inlineVerifier;
  const requests = new SpecRequests(
    (uri) => documents.get(uri),
    analyses,
    () => settings.memoryBudget,
    () => verifier,
  );
  let publisher: DiagnosticsPublisher | undefined;
  let codeLensRefresh = false;
  /** `answer` for the open document `uri`, or `none` when the server does not hold it. */
  const onDocument = <T>(uri: string, none: T, answer: (document: TextDocument) => T): T => {
    const document = documents.get(uri);
    return document ? answer(document) : none;
  };

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

  documents.onDidClose(({ document }) => {
    json.forget(document.uri);
    requests.forget(document.uri);
  });

  connection.onHover(({ textDocument, position }) =>
    onDocument(textDocument.uri, null, (d) => specHover(d, analyses.get(d), position, json)),
  );

  connection.onCodeAction((params) =>
    onDocument(params.textDocument.uri, [], (d) => quickFixes(d, analyses.get(d), params)),
  );

  connection.onCodeLens(({ textDocument }) =>
    onDocument(textDocument.uri, [], (document) =>
      !settings.codeLens
        ? []
        : layerLenses(analyses.get(document)).map((lens) => ({
            range: rangeOf(document, lens.offset, 0),
            command: {
              title: lens.title,
              command: lens.command,
              ...(lens.command ? { arguments: [document.uri] } : {}),
              ...(lens.tooltip ? { tooltip: lens.tooltip } : {}),
            },
          })),
    ),
  );

  connection.onCompletion(({ textDocument, position }) =>
    onDocument(textDocument.uri, null, (d) => json.complete(d, position)),
  );

  connection.onDocumentFormatting(({ textDocument, options }) =>
    onDocument(textDocument.uri, [], (d) => json.format(d, undefined, options)),
  );

  connection.onDocumentRangeFormatting(({ textDocument, range, options }) =>
    onDocument(textDocument.uri, [], (d) => json.format(d, range, options)),
  );

  connection.onFoldingRanges(({ textDocument }) => onDocument(textDocument.uri, [], (d) => json.foldingRanges(d)));

  connection.onDocumentSymbol(({ textDocument }) => onDocument(textDocument.uri, [], (d) => json.symbols(d)));

  connection.onSelectionRanges(({ textDocument, positions }) =>
    onDocument(textDocument.uri, [], (d) => json.selectionRanges(d, positions)),
  );

  connection.onRequest(VerifyRequest, (params, token) => {
    const progress = params.workDoneToken;
    return requests.verify(
      params,
      token,
      progress === undefined ? undefined : (value) => void connection.sendProgress(VerifyProgressType, progress, value),
    );
  });
  connection.onRequest(PreviewRequest, (params) => requests.preview(params));
  connection.onRequest(PlanesRequest, (params) => requests.planes(params));
  connection.onRequest(ImportOnnxRequest, (params) => importOnnx(params));

  documents.listen(connection);
  connection.listen();
  return { documents, analyses };
}
