/**
 * What the client does for one spec, opened with the preview and the Testing view showing it: didOpen with the
 * whole text, the diagnostics published for it (converted for VS Code), hovers at the fuzz case's positions, the
 * quick fixes for every diagnostic shown, CodeLens, tconv/preview (its message posted to the webview),
 * tconv/verify (the Testing view's items and output), didClose. Each synchronous client step is timed.
 */
import {
  CodeActionRequest,
  CodeActionTriggerKind,
  CodeLensRequest,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  HoverRequest,
  type Position,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { PreviewRequest, VerifyRequest, type PreviewResult, type VerifyResult } from '../../../src/server/protocol';
import { LINES_PER_SLICE, readInSlices } from '../../../src/vscode/slicedText';
import { layerTestItems, resultOutput } from '../../../src/vscode/views/testItems';
import type { ClientText } from '../lsp/clientText';
import { SPEC_LANGUAGE } from '../lsp/openDocument';
import type { ServerSession } from '../lsp/serverProcess';
import { answered, type CaseRun } from './caseRun';
import { asCodeActions, asCodeLenses, asDiagnostics, asHover, toProtocolDiagnostics } from './converters';

export interface OpenedSpec {
  readonly uri: string;
  /** The editor's model of the document, made before the spec's window opens (VS Code's work, not the extension's). */
  readonly document: ClientText;
  /** Where the user hovers (VS Code gives positions). */
  readonly hovers: readonly Position[];
  /** The whole document: the range the quick fixes are asked for. */
  readonly whole: Range;
}

/** PreviewPanel.render's post: webview.postMessage serialises the message as JSON in the extension host. */
function previewMessage(result: PreviewResult, uri: string, version: number) {
  return result.ok
    ? { type: 'render', version, documentUri: uri, fileName: 'spec.tconv.json', payload: result.payload }
    : {
        type: 'error',
        version,
        documentUri: uri,
        fileName: 'spec.tconv.json',
        message: result.message,
        diagnostics: result.diagnostics,
      };
}

/** testing.ts fillChildren() and report(): the items and each result's output. */
function testingView(outcome: VerifyResult) {
  const items = layerTestItems(outcome);
  const labels = new Map(
    items.flatMap((item) => item.checks.map((c) => [`${item.index}/${c.name}`, c.label] as const)),
  );
  const output = (outcome.verification?.layers ?? []).flatMap((layer) =>
    layer.results.map((result) =>
      resultOutput(labels.get(`${layer.layerIndex}/${result.name}`) ?? result.name, result),
    ),
  );
  return { items, output };
}

/** src/vscode/slicedOpen.ts: a long document's text is read a slice at a time, each slice a step of its own. */
async function openedText(document: ClientText, run: CaseRun): Promise<string> {
  if (document.lineCount <= LINES_PER_SLICE) return run.sync('didOpen: getText()', () => document.getText());
  const source = {
    version: 1,
    isClosed: false,
    lineCount: document.lineCount,
    linesText: (start: number, end: number) => run.sync('didOpen: read a slice', () => document.linesText(start, end)),
  };
  const read = await readInSlices(source, () => new Promise((resolve) => setTimeout(resolve, 0)));
  if (!read) throw new Error('the bench never closes a document while it opens');
  return read.text;
}

export async function runSpec(session: ServerSession, spec: OpenedSpec, index: number, run: CaseRun): Promise<void> {
  const { connection } = session;
  const { uri } = spec;
  const textDocument = { uri };

  const text = await openedText(spec.document, run);
  const published = session.diagnostics.wait(uri, 1);
  run.sync(
    'didOpen: send',
    () =>
      connection
        .sendNotification(DidOpenTextDocumentNotification.type, {
          textDocument: { uri, languageId: SPEC_LANGUAGE, version: 1, text },
        })
        .catch((e: unknown) => run.fail('didOpen', e)),
    () => text.length,
  );
  let shown: ReturnType<typeof asDiagnostics> = [];
  try {
    const { params } = await answered(published, 'diagnostics');
    run.receive('diagnostics', params);
    shown = run.sync('diagnostics: convert', () => asDiagnostics(params.diagnostics));
  } catch (e) {
    run.fail('diagnostics', e);
  }

  for (const position of spec.hovers) {
    const hover = await run.request('hover', () =>
      connection.sendRequest(HoverRequest.type, { textDocument, position }),
    );
    if (hover !== undefined) run.sync('hover: convert', () => asHover(hover));
  }
  const actions = await run.request('code actions', () =>
    connection.sendRequest(CodeActionRequest.type, {
      textDocument,
      range: spec.whole,
      context: { diagnostics: toProtocolDiagnostics(shown), triggerKind: CodeActionTriggerKind.Automatic },
    }),
  );
  if (actions !== undefined) run.sync('code actions: convert', () => asCodeActions(actions));
  const lenses = await run.request('CodeLens', () => connection.sendRequest(CodeLensRequest.type, { textDocument }));
  if (lenses !== undefined) run.sync('CodeLens: convert', () => asCodeLenses(lenses));

  const preview = await run.request('preview', () => connection.sendRequest(PreviewRequest, { uri, symbolic: false }));
  if (preview)
    run.sync(
      'preview: post to webview',
      () => JSON.stringify(previewMessage(preview, uri, index)),
      (json) => json.length,
    );
  const outcome = await run.request('verify', () => connection.sendRequest(VerifyRequest, { uri }));
  if (outcome) run.sync('testing: items and output', () => testingView(outcome));

  const closed = session.diagnostics.wait(uri);
  run.sync('didClose: send', () =>
    connection
      .sendNotification(DidCloseTextDocumentNotification.type, { textDocument })
      .catch((e: unknown) => run.fail('didClose', e)),
  );
  await answered(closed, 'diagnostics cleared on close').catch((e: unknown) => run.fail('didClose', e));
}
