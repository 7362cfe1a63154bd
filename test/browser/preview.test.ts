import { strict as assert } from 'node:assert';
import { convTranspose2d, fromNested, toNested, transposedConvMatrix, type NestedNumbers } from '../../src/engine';
import { PROTOCOL_VERSION, type PreviewState, type WebviewMessage } from '../../src/webviewProtocol';
import { exampleText, nextVersion, payloadOf, PreviewPage } from './harness';

const X = fromNested([
  [
    [
      [0, 1],
      [2, 3],
    ],
  ],
]);
const K = fromNested([
  [
    [
      [0, 1],
      [2, 3],
    ],
  ],
]);

function asText(nested: NestedNumbers): string[][] {
  return (nested as number[][]).map((row) => row.map(String));
}

async function lastOf(p: PreviewPage, type: WebviewMessage['type']): Promise<WebviewMessage | undefined> {
  return (await p.posted()).filter((m) => m.type === type).pop();
}

describe('preview webview in Chromium', function () {
  this.timeout(60_000);
  let p: PreviewPage;
  const stride = payloadOf(exampleText('d2l-stride'));

  before(async () => {
    p = await PreviewPage.open();
  });
  after(async () => {
    await p?.close();
  });
  afterEach(async () => {
    assert.deepEqual(await p.problems(), []);
  });

  it('says ready first, with no state on a fresh panel, and nothing else before the host answers', async () => {
    assert.deepEqual(await p.posted(), [{ type: 'ready', protocol: PROTOCOL_VERSION, state: null }]);
  });

  it("grids: the numbers in the DOM are the engine's (d2l stride 2)", async () => {
    await p.render(stride, 'd2l-stride.tconv.json');
    await p.showView('grids');
    const expected = toNested(convTranspose2d(X, K, null, { stride: 2 })) as NestedNumbers[][];
    assert.deepEqual(await p.tableText('.grid-output table'), asText(expected[0][0]));
    assert.deepEqual(await p.tableText('.grid-output table'), [
      ['0', '0', '0', '1'],
      ['0', '0', '2', '3'],
      ['0', '2', '0', '3'],
      ['4', '6', '6', '9'],
    ]);
    assert.deepEqual(await p.tableText('.grid-input table'), [
      ['0', '1'],
      ['2', '3'],
    ]);
    assert.deepEqual(await p.tableText('.grid-kernel table'), [
      ['0', '1'],
      ['2', '3'],
    ]);
  });

  it('grids: a cell names its index (title and status line)', async () => {
    const cell = p.page.locator('.grid-output td[data-i="6"]');
    assert.equal(await cell.getAttribute('title'), 'y[0, 0, 1, 2] = 2');
    await cell.hover();
    assert.equal(await p.page.locator('.status-line').textContent(), 'y[0, 0, 1, 2] = 2');
  });

  it('matrix: hovering an output cell lights its line in W and Wᵀ and the input cells it reads', async () => {
    await p.showView('matrix');
    const W = transposedConvMatrix([1, 1, 2, 2], K, { stride: 2 });
    const output = 6;
    const reads: number[] = [];
    for (let r = 0; r < W.rows; r++)
      for (let e = W.rowPtr[r]; e < W.rowPtr[r + 1]; e++) if (W.colIdx[e] === output) reads.push(r);
    assert.deepEqual(reads, [1]);
    await p.page.hover(`.matrix-output td[data-i="${output}"]`);
    const linkedInputs = await p.page.evaluate<number[]>(
      `[...document.querySelectorAll('.matrix-input td.linked')].map((td) => Number(td.dataset.i))`,
    );
    assert.deepEqual(linkedInputs, reads);
    const wtRow = await p.page.evaluate<number[]>(
      `[...document.querySelectorAll('.matrix-wt tbody tr')].map((tr) => tr.querySelectorAll('td.linked-line').length)`,
    );
    assert.deepEqual(
      wtRow,
      wtRow.map((_, r) => (r === output ? 4 : 0)),
      'row 6 of Wᵀ, and only it',
    );
    const wColumn = await p.page.evaluate<boolean[]>(
      `[...document.querySelectorAll('.matrix-w tbody tr')].map((tr) => tr.querySelectorAll('td')[${output}].classList.contains('linked-line'))`,
    );
    assert.deepEqual(wColumn, [true, true, true, true], 'column 6 of W');
  });

  it('matrix: hovering an input cell lights its row of W and the outputs it writes', async () => {
    await p.page.hover('.matrix-input td[data-i="3"]');
    const written = await p.page.evaluate<number[]>(
      `[...document.querySelectorAll('.matrix-output td.linked')].map((td) => Number(td.dataset.i)).sort((a, b) => a - b)`,
    );
    assert.deepEqual(written, [10, 11, 14, 15]);
    const wRow = await p.page.evaluate<number>(
      `document.querySelectorAll('.matrix-w tbody tr')[3].querySelectorAll('td.linked-line').length`,
    );
    assert.equal(wRow, 16);
  });

  it('switching views shows the panel and persists the view with setState', async () => {
    await p.showView('code');
    assert.match(
      (await p.page.locator('.code-card[data-framework="pytorch"] code').textContent()) ?? '',
      /nn\.ConvTranspose2d\(/,
    );
    assert.equal(await p.page.locator('vscode-tab-panel[data-view="grids"]').isHidden(), true);
    const states = await p.states();
    assert.equal(states[states.length - 1].view, 'code');
    assert.equal(states[states.length - 1].documentUri, 'file:///work/d2l-stride.tconv.json');
  });

  it('an error keeps the last render, dimmed, with the errors on top; a click reveals the error', async () => {
    await p.showView('grids');
    await p.send({
      type: 'error',
      version: nextVersion(),
      documentUri: 'file:///work/d2l-stride.tconv.json',
      fileName: 'd2l-stride.tconv.json',
      message: 'outputPadding must be < max(stride, dilation)',
      diagnostics: [
        {
          code: 'output-padding-range',
          message: 'outputPadding 5 is too large',
          severity: 'error',
          line: 3,
          column: 7,
          offset: 42,
          length: 1,
        },
      ],
    });
    await p.page.waitForSelector('#content.stale');
    assert.equal(await p.page.locator('.error-banner').isVisible(), true);
    assert.match(
      (await p.page.locator('.error-banner').textContent()) ?? '',
      /outputPadding must be < max\(stride, dilation\)/,
    );
    assert.deepEqual((await p.tableText('.grid-output table'))[3], ['4', '6', '6', '9']);
    await p.page.click('.error-banner .diagnostic');
    assert.deepEqual(await lastOf(p, 'reveal'), { type: 'reveal', offset: 42, length: 1 });
  });

  it('a second render patches in place: same nodes, same tab, same stepper position; older versions are ignored', async () => {
    await p.render(stride, 'd2l-stride.tconv.json');
    assert.equal(await p.page.locator('.error-banner').isVisible(), false);
    await p.showView('steps');
    await p.page.click('.stepper-next');
    await p.page.click('.stepper-next');
    await p.page.evaluate(
      `window.__kept = { content: document.getElementById('content'), tabs: document.querySelector('vscode-tabs'), canvas: document.querySelector('.steps-canvas table') }`,
    );
    const changed = payloadOf(exampleText('d2l-stride').replace('"stride": 2', '"stride": 2, "padding": 0'));
    await p.render({ ...changed, title: 'second render' }, 'd2l-stride.tconv.json');
    assert.equal(await p.page.locator('.spec-title').textContent(), 'second render');
    const same = await p.page.evaluate<boolean[]>(
      `[window.__kept.content === document.getElementById('content'), window.__kept.tabs === document.querySelector('vscode-tabs'), window.__kept.canvas === document.querySelector('.steps-canvas table')]`,
    );
    assert.deepEqual(same, [true, true, true]);
    assert.equal(await p.page.locator('vscode-tab-panel[data-view="steps"]').isVisible(), true);
    assert.equal(await p.page.locator('.stepper-position').textContent(), 'Step 2 of 4');
    await p.send({
      type: 'render',
      version: 0,
      documentUri: 'file:///old',
      fileName: 'old',
      payload: { ...stride, title: 'stale render' },
    });
    await p.page.waitForTimeout(100);
    assert.equal(await p.page.locator('.spec-title').textContent(), 'second render');
  });

  it('steps: the canvas accumulates the placed kernels; the last step gives the output', async () => {
    const canvasAfter2 = await p.tableText('.steps-canvas table');
    // Steps 1 and 2: x[0,0] = 0 and x[0,1] = 1 times K at (0,0) and (0,2).
    assert.deepEqual(canvasAfter2, [
      ['0', '0', '0', '1'],
      ['0', '0', '2', '3'],
      ['·', '·', '·', '·'],
      ['·', '·', '·', '·'],
    ]);
    const current = await p.page.evaluate<number[]>(
      `[...document.querySelectorAll('.steps-canvas td.current')].map((td) => Number(td.dataset.i))`,
    );
    assert.deepEqual(current, [2, 3, 6, 7]);
    await p.page.click('.stepper-next');
    await p.page.click('.stepper-next');
    assert.deepEqual(await p.tableText('.steps-canvas table'), [
      ['0', '0', '0', '1'],
      ['0', '0', '2', '3'],
      ['0', '2', '0', '3'],
      ['4', '6', '6', '9'],
    ]);
  });

  it('the host can switch the view and the layer (setView)', async () => {
    await p.send({ type: 'setView', view: 'verify' });
    await p.page.waitForSelector('vscode-tab-panel[data-view="verify"]:not([hidden])');
    assert.match((await p.page.locator('.verify-summary').textContent()) ?? '', /8 passed, 0 failed/);
  });

  it("Verify posts the command; the command's results replace the preview's", async () => {
    await p.page.click('.verify-button');
    assert.deepEqual(await lastOf(p, 'command'), { type: 'command', command: 'verify' });
    await p.send({
      type: 'verification',
      version: nextVersion(),
      verification: { ...stride.verification, source: 'command' },
    });
    await p.waitFor(`document.querySelector('.verify-summary').textContent.includes('Verify command')`);
  });

  it('shapes: clicking a layer name asks the host to reveal it in the editor', async () => {
    await p.render(stride, 'd2l-stride.tconv.json');
    await p.showView('shapes');
    await p.page.click('.layer-card .layer-name');
    assert.deepEqual(await lastOf(p, 'reveal'), {
      type: 'reveal',
      offset: stride.layers[0].span.offset,
      length: stride.layers[0].span.length,
    });
  });

  it('code: Copy puts the snippet on the clipboard or hands it to the host', async () => {
    await p.showView('code');
    await p.page.click('.code-card[data-framework="jax"] .copy-button');
    await p.waitFor(`document.querySelector('.code-card[data-framework="jax"] .copy-status').textContent !== ''`);
    const status = await p.page.locator('.code-card[data-framework="jax"] .copy-status').textContent();
    if (status === 'Copied through VS Code.') {
      const copy = await lastOf(p, 'copy');
      assert.equal(copy?.type === 'copy' && copy.text, stride.layers[0].code.find((c) => c.framework === 'jax')?.code);
    } else assert.equal(status, 'Copied');
  });

  it('strings from the host relabel the preview', async () => {
    await p.send({
      type: 'strings',
      strings: {
        'view.code': 'Código',
        'toolbar.verify': 'Verificar',
        'header.oneLayer': '1 camada',
        'verify.counts': '{0} aprovadas, {1} reprovadas, {2} não executadas',
      },
    });
    await p.waitFor(`document.querySelector('vscode-tab-header[data-view="code"]').textContent === 'Código'`);
    assert.equal(await p.page.locator('.toolbar-verify').textContent(), 'Verificar');
    assert.match((await p.page.locator('.spec-meta').textContent()) ?? '', / · 1 camada · /);
    await p.showView('verify');
    assert.match(
      (await p.page.locator('.verify-summary').textContent()) ?? '',
      /8 aprovadas, 0 reprovadas, 0 não executadas/,
    );
    await p.send({ type: 'strings', strings: {} });
  });

  it('a layer past the budget offers to compute its values (a requestPlanes message)', async () => {
    // The default budget now covers the whole DCGAN chain; a small one leaves layer 2 without values.
    await p.render(
      payloadOf(exampleText('dcgan-generator'), { limits: { maxMultiplyAdds: 4_000_000 } }),
      'dcgan-generator.tconv.json',
    );
    await p.showView('grids');
    await p.page.evaluate(
      `(() => { const s = document.querySelector('.select-layer'); s.value = 'layer-2'; s.dispatchEvent(new Event('change')); })()`,
    );
    await p.page.waitForSelector('.grids-view .view-message:not([hidden]) vscode-button');
    assert.match((await p.page.locator('.grids-view .view-message').textContent()) ?? '', /budget/);
    await p.page.click('.grids-view .view-message vscode-button');
    // Grids asks for the planes it shows (planes.test.ts plays the host's answer).
    assert.deepEqual(await lastOf(p, 'requestPlanes'), {
      type: 'requestPlanes',
      layerId: 'layer-2',
      batch: 0,
      inChannel: 0,
      outChannel: 0,
    });
  });

  it('the big heat map draws: W of a 64×64 → 128×128 layer is 4096 × 16384', async () => {
    const text = JSON.stringify({
      name: 'big W',
      input: { shape: [64, 64] },
      layer: { kernelSize: 4, stride: 2, padding: 1 },
      verify: ['cost'],
    });
    const payload = payloadOf(text);
    assert.deepEqual([payload.layers[0].matrix.rows, payload.layers[0].matrix.cols], [4096, 16384]);
    assert.ok(payload.layers[0].matrix.csr);
    await p.render(payload, 'big.tconv.json');
    await p.showView('matrix');
    await p.waitFor(
      `(() => { const c = document.querySelector('.matrix-w canvas'); return c && c.width > 0 && c.height > 0; })()`,
    );
    await p.page.waitForTimeout(100);
    const drawn = await p.page.evaluate<{ width: number; height: number; colors: number; lit: number }>(`(() => {
      const c = document.querySelector('.matrix-w canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const colors = new Set();
      let lit = 0;
      for (let i = 0; i < d.length; i += 4) {
        const key = d[i] * 65536 + d[i + 1] * 256 + d[i + 2];
        colors.add(key);
        if (key !== d[0] * 65536 + d[1] * 256 + d[2]) lit++;
      }
      return { width: c.width, height: c.height, colors: colors.size, lit };
    })()`);
    assert.ok(drawn.width >= 200 && drawn.height >= 48, JSON.stringify(drawn));
    assert.ok(drawn.colors > 2 && drawn.lit > 100, JSON.stringify(drawn));
    const cells = await p.page.locator('.matrix-w td').count();
    assert.equal(cells, 0, 'a canvas, not a table');
  });
});

describe('preview webview restored by the serializer', function () {
  this.timeout(60_000);
  let p: PreviewPage;
  const state: PreviewState = {
    documentUri: 'file:///work/d2l-stride.tconv.json',
    view: 'matrix',
    layerId: 'layer-0',
    batch: 0,
    inChannel: 0,
    outChannel: 0,
    step: 3,
    zoom: 1.5,
  };

  before(async () => {
    p = await PreviewPage.open({ state, theme: 'light' });
  });
  after(async () => {
    await p?.close();
  });
  afterEach(async () => {
    assert.deepEqual(await p.problems(), []);
  });

  it('reports the saved state in ready and opens on the saved view and stepper position', async () => {
    assert.deepEqual(await p.posted(), [{ type: 'ready', protocol: PROTOCOL_VERSION, state }]);
    await p.render(payloadOf(exampleText('d2l-stride')), 'd2l-stride.tconv.json');
    assert.equal(await p.page.locator('vscode-tab-panel[data-view="matrix"]').isVisible(), true);
    await p.showView('steps');
    assert.equal(await p.page.locator('.stepper-position').textContent(), 'Step 3 of 4');
  });
});
