import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  ShutdownRequest,
  type CodeAction,
  type Diagnostic,
  type InitializeResult,
  type MarkupContent,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol';
import { StdioServer } from './stdioServer';

// Runs the built CLI (npm test builds it first) as Neovim or Helix would: `tconv lsp --stdio`.
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');

/** The LSP position of a UTF-16 offset, computed here rather than by the library the server uses. */
function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function offsetAt(text: string, { line, character }: Position): number {
  let offset = 0;
  for (let l = 0; l < line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + character;
}

function rangeAt(text: string, offset: number, length: number): Range {
  return { start: positionAt(text, offset), end: positionAt(text, offset + length) };
}

function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetAt(text, b.range.start) - offsetAt(text, a.range.start));
  return sorted.reduce(
    (t, e) => t.slice(0, offsetAt(t, e.range.start)) + e.newText + t.slice(offsetAt(t, e.range.end)),
    text,
  );
}

/** The offset just after `prefix`, which must occur once in `text`. */
function offsetAfter(text: string, prefix: string): number {
  const at = text.indexOf(prefix);
  assert.ok(at >= 0 && text.indexOf(prefix, at + 1) < 0, `"${prefix}" should occur once`);
  return at + prefix.length;
}

const uriOf = (relative: string) => pathToFileURL(join(ROOT, relative)).href;
const codes = (diagnostics: readonly Diagnostic[]) => diagnostics.map((d) => String(d.code));

describe('tconv lsp --stdio (dist/cli.js)', () => {
  let server: StdioServer;
  let initialized: InitializeResult;

  const open = (uri: string, text: string) =>
    server.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'tconv', version: 1, text },
    });
  const hoverText = async (uri: string, position: Position) => {
    const hover = await server.wait(
      `a hover at ${position.line}:${position.character}`,
      server.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }),
    );
    assert.ok(hover, 'a hover');
    return (hover.contents as MarkupContent).value;
  };

  before(async () => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)');
    server = new StdioServer(CLI, ROOT);
    initialized = await server.wait(
      'the initialize response',
      server.connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(ROOT).href,
        workspaceFolders: null,
        capabilities: {
          textDocument: {
            publishDiagnostics: { versionSupport: true, relatedInformation: true },
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true } },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          },
        },
      }),
    );
    await server.connection.sendNotification(InitializedNotification.type, {});
  });

  after(() => server?.kill());

  it('initialize: a tconv server with incremental sync, hovers, quick fixes and completion', () => {
    assert.equal(initialized.serverInfo?.name, 'tconv');
    const { capabilities } = initialized;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.ok(capabilities.completionProvider);
  });

  it('didOpen of a broken spec: output-padding-range on the value token, and a quick fix that sets outputPadding', async () => {
    const uri = uriOf('examples/broken/output-padding-too-large.tconv.json');
    const text = readFileSync(join(ROOT, 'examples/broken/output-padding-too-large.tconv.json'), 'utf8');
    await open(uri, text);
    const published = await server.diagnostics(uri, 1);
    const shown = published.diagnostics.find((d) => d.code === 'output-padding-range');
    assert.ok(shown, `output-padding-range among ${codes(published.diagnostics).join(', ')}`);
    const value = offsetAfter(text, '"outputPadding": ');
    assert.deepEqual(shown.range, rangeAt(text, value, 1), 'the diagnostic covers the 2 of "outputPadding": 2');
    assert.equal(shown.source, 'tconv');
    assert.equal(shown.severity, 1);

    const actions = await server.wait(
      'the codeAction response',
      server.connection.sendRequest(CodeActionRequest.type, {
        textDocument: { uri },
        range: shown.range,
        context: { diagnostics: [shown], only: ['quickfix'] },
      }),
    );
    const fix = (actions ?? []).find((a): a is CodeAction => 'kind' in a && a.kind === 'quickfix');
    assert.ok(fix?.edit?.changes?.[uri], `a quick fix with an edit of ${uri}: ${JSON.stringify(actions)}`);
    assert.deepEqual(fix.diagnostics, [shown]);
    assert.match(
      applyEdits(text, fix.edit.changes[uri]),
      /"layer": \{ "kernelSize": 3, "stride": 2, "padding": 1, "outputPadding": 1 \}/,
    );
  });

  it('an incremental didChange that fixes it: version 2 is published clean, and the server holds the edited text', async () => {
    const uri = uriOf('examples/broken/output-padding-fixed-by-edit.tconv.json');
    const text = readFileSync(join(ROOT, 'examples/broken/output-padding-too-large.tconv.json'), 'utf8');
    await open(uri, text);
    assert.ok(codes((await server.diagnostics(uri, 1)).diagnostics).includes('output-padding-range'));
    const value = offsetAfter(text, '"outputPadding": ');
    await server.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: rangeAt(text, value, 1), text: '1' }],
    });
    const fixed = await server.diagnostics(uri, 2);
    assert.deepEqual(fixed.diagnostics, [], `no diagnostics for version 2: ${JSON.stringify(fixed.diagnostics)}`);
    const edited = text.slice(0, value) + '1' + text.slice(value + 1);
    const markdown = await hoverText(uri, positionAt(edited, value));
    assert.ok(markdown.includes('H_out = (4 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 8'), markdown);
  });

  it('hover on "stride": the output-shape formula with the numbers substituted', async () => {
    const uri = uriOf('examples/d2l-stride.tconv.json');
    const text = readFileSync(join(ROOT, 'examples/d2l-stride.tconv.json'), 'utf8');
    await open(uri, text);
    const markdown = await hoverText(uri, positionAt(text, offsetAfter(text, '"stride') - 3));
    assert.ok(markdown.includes('H_out = (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4'), markdown);
    assert.ok(markdown.includes('W_out = (2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4'), markdown);
  });

  it('comments and trailing commas are no syntax error; a missing value is', async () => {
    const jsonc = [
      '{',
      '  // one layer, ×2',
      '  "input": { "shape": [1, 1, 2, 2], },',
      '  "layer": { "kernelSize": 2, "stride": 2, }, // trailing comma',
      '}',
      '',
    ].join('\n');
    const broken = jsonc.replace('"stride": 2', '"stride": ');
    await open(uriOf('examples/stdio-jsonc.tconv.json'), jsonc);
    await open(uriOf('examples/stdio-syntax.tconv.json'), broken);
    const clean = await server.diagnostics(uriOf('examples/stdio-jsonc.tconv.json'), 1);
    assert.deepEqual(codes(clean.diagnostics), [], JSON.stringify(clean.diagnostics));
    const failed = await server.diagnostics(uriOf('examples/stdio-syntax.tconv.json'), 1);
    assert.ok(codes(failed.diagnostics).includes('syntax'), JSON.stringify(failed.diagnostics));
  });

  it("completion inside a layer object offers the schema's layer fields that are not written yet", async () => {
    const uri = uriOf('examples/stdio-completion.tconv.json');
    const text = '{\n  "input": { "shape": [1, 1, 2, 2] },\n  "layer": { "kernelSize": 2,  }\n}\n';
    await open(uri, text);
    const result = await server.wait(
      'the completion response',
      server.connection.sendRequest(CompletionRequest.type, {
        textDocument: { uri },
        position: positionAt(text, offsetAfter(text, '"kernelSize": 2, ')),
      }),
    );
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    const labels = items.map((i) => i.label.replace(/"/g, ''));
    for (const field of ['stride', 'padding', 'outputPadding'])
      assert.ok(labels.includes(field), `${field} among ${labels.join(', ')}`);
    assert.ok(!labels.includes('kernelSize'), 'kernelSize is already written');
    assert.ok(!labels.includes('input'), 'input is a top-level field, not a layer field');
  });

  it('without --stdio: a usage error on stderr, nothing on stdout, exit 2', () => {
    const r = spawnSync(process.execPath, [CLI, 'lsp'], { cwd: ROOT, encoding: 'utf8', input: '', timeout: 10_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /tconv lsp --stdio/);
  });

  it('shutdown then exit: the process ends with code 0, having written nothing but LSP to stdout', async () => {
    await server.wait('the shutdown response', server.connection.sendRequest(ShutdownRequest.type));
    await server.connection.sendNotification(ExitNotification.type);
    assert.equal(await server.exitCode('the server process to exit after the exit notification'), 0, server.log);
    assert.deepEqual(server.streamErrors, []);
  });
});
