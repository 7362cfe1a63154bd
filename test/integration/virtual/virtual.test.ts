// Session "virtual workspace": the folder is served by a FileSystemProvider (scheme tconv-virtual, registered by
// the runner extension), so there are no file: URIs and no search provider, as with a remote repository.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { describeCoreFeatures } from '../shared/coreFeatures';
import { openSpec, tconv, workspaceFile } from '../suites/util';

describe('virtual workspace', () => {
  it('really is a virtual folder', () => {
    assert.equal(vscode.workspace.workspaceFolders?.[0]?.uri.scheme, 'tconv-virtual');
  });

  it('opening a spec activates tconv (workspaceContains cannot search here; onLanguage:tconv does it)', async () => {
    await openSpec(workspaceFile('d2l-basic.tconv.json'));
    const ext = vscode.extensions.getExtension('tconv.tconv');
    for (let i = 0; i < 50 && !ext?.isActive; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(ext?.isActive, true);
  });

  it('the Testing view finds every spec by walking the virtual folder', async () => {
    const api = await tconv();
    await api.tests.discoverWorkspace();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.path;
    const listed = [...api.tests.controller.items].map(([, item]) => item.uri?.path ?? '');
    for (const name of ['d2l-basic.tconv.json', 'dcgan-generator.tconv.json', 'broken/channel-mismatch.tconv.json']) {
      assert.ok(listed.includes(`${root}/${name}`), `${name} not in ${JSON.stringify(listed)}`);
    }
    assert.ok(
      listed.every((p) => p.startsWith(`${root}/`) && p.endsWith('.tconv.json')),
      JSON.stringify(listed),
    );
  });

  // In this virtual folder the workbench holds up its FIRST code-action request and its FIRST completion request
  // (any language: a completion request on a plaintext document got no answer within 250 s; afterwards code actions
  // on it took 302 ms and tconv's quick fix and completion 422 ms and 62 ms). Hover, CodeLens, symbols and
  // formatting answer at once. Both stalled features share VS Code's snippet service, which reads the folder's
  // .vscode through the runner's FileSystemProvider; tconv's server answers the same LSP requests in under 10 ms,
  // and VS Code's JSON extension, once blamed for it, is not even activated then (*.tconv.json is no longer JSON).
  // The sessions on file: URIs get the workbench's answers at once (trusted, restricted, web). So here these two are
  // asked of the language client (api.client): the same server requests, converted as the workbench converts them.
  describeCoreFeatures({
    codeActions: async (uri, range) => {
      const { client } = (await tconv()).client;
      const c2p = client.code2ProtocolConverter;
      const shown = vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.source === 'tconv' && d.range.intersection(range));
      // By method name: the test bundle's copy of the protocol's message types is not the client's.
      const result = await client.sendRequest<unknown[] | null>('textDocument/codeAction', {
        textDocument: { uri: c2p.asUri(uri) },
        range: c2p.asRange(range),
        context: {
          diagnostics: await c2p.asDiagnostics(shown),
          only: [vscode.CodeActionKind.QuickFix.value],
          triggerKind: 1 /* Invoked */,
        },
      });
      const converted = await client.protocol2CodeConverter.asCodeActionResult(
        (result ?? []) as Parameters<typeof client.protocol2CodeConverter.asCodeActionResult>[0],
      );
      return converted.filter((a): a is vscode.CodeAction => typeof (a as vscode.Command).command !== 'string');
    },
    completion: async (uri, position) => {
      const { client } = (await tconv()).client;
      const c2p = client.code2ProtocolConverter;
      const result = await client.sendRequest<unknown>('textDocument/completion', {
        textDocument: { uri: c2p.asUri(uri) },
        position: c2p.asPosition(position),
      });
      const converted = await client.protocol2CodeConverter.asCompletionResult(
        result as Parameters<typeof client.protocol2CodeConverter.asCompletionResult>[0],
      );
      return Array.isArray(converted)
        ? new vscode.CompletionList(converted)
        : (converted ?? new vscode.CompletionList([]));
    },
  });
});
