/**
 * Typing in the DCGAN chain: each keystroke changes the last digit of the first `"outChannels": 256` (one
 * character, one incremental didChange), and is answered by the diagnostics the server publishes for that version.
 */
import { performance } from 'node:perf_hooks';
import { OpenDocument } from '../lsp/openDocument';
import type { Published } from '../lsp/publishedDiagnostics';
import type { ServerSession } from '../lsp/serverProcess';
import { monitorLoop } from './loopMonitor';

export interface Keystroke {
  readonly sentAt: number;
  readonly published: Promise<Published>;
}

export interface Typing {
  /** Per keystroke: didChange sent → publishDiagnostics of that version received (ms). */
  readonly latencies: number[];
  /** The longest block of this (the client's) event loop meanwhile, monitorEventLoopDelay (ms). */
  readonly hostLongestBlockMs: number;
}

/** Sends didOpen; `checked` resolves to the time until its first diagnostics (immediate, whatever the delay). */
export async function openSpec(
  session: ServerSession,
  uri: string,
  text: string,
): Promise<{ document: OpenDocument; checked: Promise<number> }> {
  const document = new OpenDocument(session.connection, uri, text);
  const t0 = performance.now();
  const published = session.diagnostics.wait(uri, document.version);
  await document.open();
  return { document, checked: published.then((p) => p.receivedAt - t0) };
}

export class Typist {
  /** Where the typed character goes: the last digit of `"outChannels": 256`. */
  private readonly offset: number;
  private typed = 0;

  constructor(
    private readonly session: ServerSession,
    readonly document: OpenDocument,
  ) {
    const found = /"outChannels":\s*256/.exec(document.text);
    if (!found) throw new Error(`${document.uri} has no "outChannels": 256 for this benchmark to edit`);
    this.offset = found.index + found[0].length - 1;
  }

  /** One keystroke (6 on even ones, back to 256; 0–4 on odd ones), sent; its diagnostics still to come. */
  async key(): Promise<Keystroke> {
    const i = this.typed++;
    const change = this.document.edit(this.offset, 1, i % 2 === 0 ? '6' : String(i % 5));
    const sentAt = performance.now();
    const published = this.session.diagnostics.wait(this.document.uri, this.document.version);
    await this.document.send(change);
    return { sentAt, published };
  }

  /** `count` keystrokes, each after the diagnostics of the one before. */
  async type(count: number): Promise<Typing> {
    const latencies: number[] = [];
    const loop = await monitorLoop();
    for (let i = 0; i < count; i++) {
      const { sentAt, published } = await this.key();
      latencies.push((await published).receivedAt - sentAt);
    }
    return { latencies, hostLongestBlockMs: loop.stop() };
  }
}
