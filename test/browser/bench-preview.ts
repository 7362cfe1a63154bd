/**
 * Preview timings (a report, never an assertion): `npx tsx test/browser/bench-preview.ts` after a build.
 *   - buildPreviewPayload for the DCGAN chain (cold and warm), and its JSON size;
 *   - edit → painted in Chromium: the render message handled and a frame drawn, per view;
 *   - the W heat map of a 4096 × 16384 matrix: first draw and a zoomed redraw.
 */
import { buildPreviewPayload } from '../../src/preview/buildPayload';
import type { ViewId } from '../../src/webviewProtocol';
import { median, percentile } from '../../bench/stats';
import { exampleText, payloadOf, PreviewPage, renderMessage } from './harness';

function buildTimes(text: string, runs: number): { cold: number; warm: number } {
  let started = performance.now();
  buildPreviewPayload(text);
  const cold = performance.now() - started;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    started = performance.now();
    buildPreviewPayload(text);
    times.push(performance.now() - started);
  }
  return { cold, warm: median(times) };
}

/** Milliseconds from posting the message to the frame after the app handled it. */
async function paintedMs(p: PreviewPage, message: unknown): Promise<number> {
  return p.page.evaluate<number>(`new Promise((resolve) => {
    const message = ${JSON.stringify(message)};
    const started = performance.now();
    window.addEventListener('message', () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0)), { once: true });
    window.postMessage(message, '*');
  })`);
}

function buildPreviewPayloadOk(text: string) {
  const result = buildPreviewPayload(text);
  if (!result.ok) throw new Error(`the edited DCGAN spec does not preview: ${result.message}`);
  return result.payload;
}

async function main(): Promise<void> {
  const dcgan = exampleText('dcgan-generator');
  const build = buildTimes(dcgan, 7);
  const payload = payloadOf(dcgan);
  console.log(
    `DCGAN buildPreviewPayload: cold ${build.cold.toFixed(1)} ms, warm median ${build.warm.toFixed(1)} ms, JSON ${(JSON.stringify(payload).length / 1024).toFixed(0)} KiB`,
  );

  const p = await PreviewPage.open({ width: 1200, height: 900 });
  try {
    await p.render(payload, 'dcgan-generator.tconv.json');
    for (const view of ['shapes', 'grids', 'steps', 'matrix', 'code', 'verify'] as ViewId[]) {
      await p.showView(view);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) times.push(await paintedMs(p, renderMessage(payload, 'dcgan-generator.tconv.json')));
      console.log(
        `DCGAN edit → painted, ${view} view: median ${median(times).toFixed(1)} ms (message handling and one frame, payload already built)`,
      );
    }

    // Edit → painted end to end, as the editor does it: the payload built again for the edited text (what the
    // worker does), then handled and painted by the webview (the host's postMessage copy is not included).
    await p.showView('grids');
    const total: number[] = [];
    for (let i = 0; i < 30; i++) {
      const edited = dcgan.replace(/"name": "([^"]*)"/, `"name": "$1 (edit ${i})"`);
      const started = performance.now();
      const message = renderMessage(buildPreviewPayloadOk(edited), 'dcgan-generator.tconv.json');
      const built = performance.now() - started;
      total.push(built + (await paintedMs(p, message)));
    }
    console.log(
      `DCGAN edit → payload built → painted (grids), 30 edits: median ${median(total).toFixed(1)} ms, p95 ${percentile(total, 95).toFixed(1)} ms (target p95 ≤ 150 ms)`,
    );

    const big = payloadOf(
      JSON.stringify({ input: { shape: [64, 64] }, layer: { kernelSize: 4, stride: 2, padding: 1 }, verify: ['cost'] }),
    );
    const m = big.layers[0].matrix;
    await p.showView('matrix');
    const painted = await paintedMs(p, renderMessage(big, 'big.tconv.json'));
    await p.waitFor(`document.querySelector('.matrix-w canvas')?.dataset.drawMs !== undefined`);
    const firstDraw = await p.page.evaluate<string>(`document.querySelector('.matrix-w canvas').dataset.drawMs`);
    const box = await p.page.locator('.matrix-w canvas').boundingBox();
    if (box) {
      await p.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await p.page.mouse.wheel(0, -300);
      await p.page.waitForTimeout(50);
    }
    const zoomDraw = await p.page.evaluate<string>(`document.querySelector('.matrix-w canvas').dataset.drawMs`);
    console.log(
      `W heat map ${m.rows}×${m.cols} (nnz ${m.stats.nnz}): edit → painted ${painted.toFixed(1)} ms; canvas draw ${firstDraw} ms; zoomed redraw ${zoomDraw} ms`,
    );
  } finally {
    await p.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
