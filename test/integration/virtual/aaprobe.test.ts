// TEMPORARY probe (deleted after measuring).
import * as vscode from 'vscode';
import { scratchCopy, openSpec, tconv, waitForDiagnostics, withCode } from '../suites/util';

const race = <T>(p: Thenable<T>, ms: number) => Promise.race([Promise.resolve(p).then((v) => ({ v })), new Promise<{ v: 'TIMEOUT' }>((r) => setTimeout(() => r({ v: 'TIMEOUT' }), ms))]);

describe('probe', function () {
  this.timeout(300_000);
  it('times code actions', async () => {
    const api = await tconv();
    await api.ready;
    const uri = await scratchCopy('broken/output-padding-too-large.tconv.json', 'probe');
    await openSpec(uri);
    const [d] = await waitForDiagnostics(uri, withCode('output-padding-range'), 'x');
    const log: string[] = [];
    let t = Date.now();
    const direct = await api.client.client.sendRequest('textDocument/codeAction', { textDocument: { uri: api.client.client.code2ProtocolConverter.asUri(uri) }, range: api.client.client.code2ProtocolConverter.asRange(d.range), context: { diagnostics: [{ range: api.client.client.code2ProtocolConverter.asRange(d.range), message: d.message, source: 'tconv', code: typeof d.code === 'object' ? d.code.value : d.code }], only: ['quickfix'] } });
    log.push(`direct LSP: ${Date.now() - t} ms ${JSON.stringify(direct)?.slice(0, 100)}`);
    for (const [name, args] of [['hover', ['vscode.executeHoverProvider', uri, d.range.start]], ['codelens', ['vscode.executeCodeLensProvider', uri]], ['symbols', ['vscode.executeDocumentSymbolProvider', uri]], ['actions no kind', ['vscode.executeCodeActionProvider', uri, d.range]], ['actions quickfix', ['vscode.executeCodeActionProvider', uri, d.range, 'quickfix']], ['actions quickfix again', ['vscode.executeCodeActionProvider', uri, d.range, 'quickfix']]] as const) {
      t = Date.now();
      const r = await race(vscode.commands.executeCommand(...(args as unknown as [string, ...unknown[]])), 100_000);
      log.push(`${name}: ${Date.now() - t} ms ${JSON.stringify(r.v)?.slice(0, 80)}`);
    }
    throw new Error(log.join('\n'));
  });
});
