// Editor latency (issue #3), through the language server as VS Code desktop runs it (dist/server.js, forked, over
// Node IPC): keystroke → diagnostics on the DCGAN chain, a keystroke while the server evaluates a whole chain,
// edits and hovers in a spec with a 10 MB paste, and the activation time measured inside code-server by the
// integration run. The server runs with diagnosticsDelay 0, so the figures are its work plus the transport; with
// the default delay each check also waits that long after the last keystroke (measured on a few keystrokes).
// Usage: node --import tsx bench/editor/run.ts (after `npm run build`, which makes dist/server.js)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import { percentile } from '../stats';
import { editDuringEvaluation, heavySpec } from './latency/heavySpec';
import { openSpec, Typist } from './latency/keystrokes';
import { PASTE_EDITS, pastedSpec, pasteEdits } from './latency/paste';
import { startServer, type ServerSession } from './lsp/serverProcess';

const root = path.resolve(__dirname, '..', '..');
const KEYSTROKES = 300;
const WARM_UP_KEYSTROKES = 50;
const DEBOUNCED_KEYSTROKES = 20;

const ms = (x: number) => `${x.toFixed(2)} ms`;
const stats = (xs: readonly number[]) => ({
  samples: xs.length,
  p50Ms: percentile(xs, 50),
  p95Ms: percentile(xs, 95),
  maxMs: Math.max(...xs),
});

/** Settings changed as VS Code sends them; the server checks the open documents again, which is waited for. */
async function configure(session: ServerSession, typist: Typist, diagnosticsDelay: number): Promise<void> {
  const refreshed = session.diagnostics.wait(typist.document.uri, typist.document.version);
  await session.configure({ diagnosticsDelay });
  await refreshed;
}

async function main() {
  const example = (name: string) => readFileSync(path.join(root, 'examples', name), 'utf8');
  const base = example('dcgan-generator.tconv.json');
  const session = await startServer({ diagnosticsDelay: 0 });

  const warmUp = await openSpec(session, 'file:///bench/warm-up.tconv.json', base);
  await warmUp.checked;
  await new Typist(session, warmUp.document).type(WARM_UP_KEYSTROKES);
  const warmUpClosed = session.diagnostics.wait(warmUp.document.uri);
  await warmUp.document.close();
  await warmUpClosed;
  const opened = await openSpec(session, 'file:///bench/dcgan-generator.tconv.json', base);
  await opened.checked;
  const typist = new Typist(session, opened.document);
  const typing = await typist.type(KEYSTROKES);
  await configure(session, typist, DEFAULT_SETTINGS.diagnosticsDelay);
  const debounced = await typist.type(DEBOUNCED_KEYSTROKES);
  await configure(session, typist, 0);

  const heavy = await editDuringEvaluation(session, 'file:///bench/heavy.tconv.json', heavySpec(base));
  const pasted = pastedSpec(example('d2l-basic.tconv.json'));
  const paste = await pasteEdits(session, 'file:///bench/pasted.tconv.json', pasted);
  await session.stop();

  const metricsFile = path.join(root, 'test-results', 'editor-metrics.json');
  const activation = existsSync(metricsFile)
    ? (JSON.parse(readFileSync(metricsFile, 'utf8')) as { activationMs: number; vscode: string; at: string })
    : null;
  const summary = {
    server: {
      script: 'dist/server.js',
      transport: 'child_process.fork with an IPC channel (--node-ipc), vscode-jsonrpc IPCMessageReader/Writer',
      node: process.version,
    },
    keystrokeToDiagnostics: {
      spec: 'examples/dcgan-generator.tconv.json',
      diagnosticsDelayMs: 0,
      ...stats(typing.latencies),
      targetP95Ms: 50,
      withDefaultDelay: { diagnosticsDelayMs: DEFAULT_SETTINGS.diagnosticsDelay, ...stats(debounced.latencies) },
    },
    hostLongestBlockMs: {
      whileTyping: typing.hostLongestBlockMs,
      whileServerEvaluatesHeavySpec: heavy.hostLongestBlockMs,
      target: 50,
    },
    heavySpec: { spec: 'DCGAN chain + expect.output (full evaluation)', ...heavy },
    pasteToDiagnostics: {
      spec: `examples/d2l-basic.tconv.json with ${(pasted.length / 1e6).toFixed(1)} MB of numbers in input.data`,
      openedMs: paste.openedMs,
      ...stats(paste.latencies),
      hoverP50Ms: percentile(paste.hovers, 50),
      hoverMaxMs: Math.max(...paste.hovers),
      hostLongestBlockMs: paste.hostLongestBlockMs,
      diagnostics: paste.diagnostics,
      targetMaxMs: 100,
    },
    activation: activation
      ? {
          ms: activation.activationMs,
          measuredIn: `code-server (VS Code ${activation.vscode}) by npm run test:integration at ${activation.at}`,
          targetMs: 30,
        }
      : 'not measured: run npm run test:integration first',
  };

  const k = summary.keystrokeToDiagnostics;
  const p = summary.pasteToDiagnostics;
  console.log('\nEditor latency (issue #3), language server over Node IPC');
  console.log(
    `  keystroke → diagnostics, DCGAN chain, ${k.samples} edits, diagnosticsDelay 0: p50 ${ms(k.p50Ms)}, p95 ${ms(k.p95Ms)}, max ${ms(k.maxMs)} (target p95 ≤ 50 ms)`,
  );
  console.log(
    `    with the default diagnosticsDelay (${k.withDefaultDelay.diagnosticsDelayMs} ms), ${k.withDefaultDelay.samples} edits: p50 ${ms(k.withDefaultDelay.p50Ms)}, p95 ${ms(k.withDefaultDelay.p95Ms)} (the delay, then the same work)`,
  );
  console.log(
    `  longest block of this client's event loop: ${ms(typing.hostLongestBlockMs)} while typing, ${ms(heavy.hostLongestBlockMs)} while the server evaluates the heavy spec (target ≤ 50 ms)`,
  );
  console.log(
    `  heavy spec (DCGAN + expect.output): opened → diagnostics ${ms(heavy.openCheckMs)}; a keystroke 50 ms in → its diagnostics ${ms(heavy.nextEditAnsweredMs)} later (${heavy.nextEditDiagnostics.join(', ') || 'none'})`,
  );
  console.log(
    `  ${p.spec}: opened (didOpen, whole text) → diagnostics ${ms(p.openedMs)}; ${PASTE_EDITS} edits (incremental didChange) → diagnostics (${p.diagnostics.join(', ')}): p50 ${ms(p.p50Ms)}, max ${ms(p.maxMs)} (target ≤ 100 ms); a hover on that version: p50 ${ms(p.hoverP50Ms)}, max ${ms(p.hoverMaxMs)}; longest client block ${ms(p.hostLongestBlockMs.opening)} opening, ${ms(p.hostLongestBlockMs.editing)} editing`,
  );
  console.log(
    `  activation: ${typeof summary.activation === 'string' ? summary.activation : `${ms(summary.activation.ms)} in ${summary.activation.measuredIn} (target ≤ 30 ms)`}`,
  );
  const out = path.join(root, 'bench', 'results', 'editor.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`  JSON summary: ${path.relative(root, out)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
