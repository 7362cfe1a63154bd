/**
 * Editing a spec that holds a 10 MB paste: d2l-basic with about 10 MB of numbers in input.data, on one line (the
 * fuzz suite's paste). It is opened (didOpen carries the whole text), then each edit changes a kernel value (one
 * incremental didChange of one character) and waits for that version's diagnostics, followed by a hover on the
 * edited value, answered from the same version.
 */
import { performance } from 'node:perf_hooks';
import { HoverRequest } from 'vscode-languageserver-protocol/node';
import { bigNumberArray, TEN_MB } from '../../../test/fuzz/mutations';
import type { ServerSession } from '../lsp/serverProcess';
import { openSpec } from './keystrokes';
import { monitorLoop } from './loopMonitor';

export const PASTE_EDITS = 10;

export interface PasteRun {
  /** didOpen with the whole text → its diagnostics. */
  readonly openedMs: number;
  /** Per edit: didChange sent → that version's diagnostics. */
  readonly latencies: number[];
  /** Per edit: the hover request on that version, sent → answered. */
  readonly hovers: number[];
  /** The diagnostics' codes after the last edit. */
  readonly diagnostics: string[];
  /** The client's longest event-loop block while opening (sending 10 MB), then while editing (ms). */
  readonly hostLongestBlockMs: { readonly opening: number; readonly editing: number };
}

/** d2l-basic with about 10 MB of numbers pasted into input.data, as one row: a shape error, found fast. */
export function pastedSpec(base: string): string {
  const pasted = base.replace(
    '"input": { "data": [[0, 1], [2, 3]] }',
    `"input": { "data": ${bigNumberArray(TEN_MB, 12345)} }`,
  );
  if (pasted === base) throw new Error('d2l-basic.tconv.json no longer has the input this benchmark pastes into');
  return pasted;
}

export async function pasteEdits(session: ServerSession, uri: string, pasted: string): Promise<PasteRun> {
  const kernel = pasted.indexOf('"kernel": { "data": [[0, 1], [2, 3]] }');
  if (kernel < 0) throw new Error('d2l-basic.tconv.json no longer has the kernel this benchmark edits');
  const valueAt = kernel + '"kernel": { "data": [[0, 1], [2, '.length;

  const opening = await monitorLoop();
  const { document, checked } = await openSpec(session, uri, pasted);
  const openedMs = await checked;
  const openingBlockMs = opening.stop();
  const hoverAt = document.positionAt(valueAt);

  const editing = await monitorLoop();
  const latencies: number[] = [];
  const hovers: number[] = [];
  let diagnostics: string[] = [];
  for (let i = 0; i < PASTE_EDITS; i++) {
    const change = document.edit(valueAt, 1, String(i));
    const t0 = performance.now();
    const published = session.diagnostics.wait(uri, document.version);
    await document.send(change);
    const { params, receivedAt } = await published;
    latencies.push(receivedAt - t0);
    diagnostics = params.diagnostics.map((d) => String(d.code));
    const t1 = performance.now();
    await session.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: hoverAt });
    hovers.push(performance.now() - t1);
  }
  const editingBlockMs = editing.stop();
  const closed = session.diagnostics.wait(uri);
  await document.close();
  await closed;
  return {
    openedMs,
    latencies,
    hovers,
    diagnostics,
    hostLongestBlockMs: { opening: openingBlockMs, editing: editingBlockMs },
  };
}
