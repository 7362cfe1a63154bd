import { strict as assert } from 'node:assert';
import { VIEW_IDS } from '../../src/webviewProtocol';
import { nextVersion, payloadOf, PreviewPage } from './harness';

const LONG = 'W'.repeat(100_000);

/** Every way a spec's strings could try to become markup, script, style or a link. */
const HOSTILE = {
  name: `<script>window.__tconvPwned = "script"</script><img src=x onerror="window.__tconvPwned = 'img'">${LONG}`,
  description: [
    'javascript:window.__tconvPwned="js"',
    '<a href="javascript:window.__tconvPwned=1">click</a>',
    '</style><style>body { display: none }</style>',
    '"><svg onload="window.__tconvPwned=\'svg\'"></svg>',
    '<iframe srcdoc="<script>parent.__tconvPwned=1</script>"></iframe>',
    '\u202Etxt.exe\u202C \u2067RTL isolate\u2069',
    '{{constructor.constructor("window.__tconvPwned=1")()}} ${window.__tconvPwned=1}',
  ].join('\n'),
  layer: '<img src=x onerror=window.__tconvPwned=3>\u202Eevil',
};

const INJECTED =
  'script:not([nonce]), img, iframe, object, embed, style, link:not([rel="stylesheet"]), a[href], form, svg:not(.katex svg), base, meta[http-equiv="refresh"]';

function hostileSpec(): string {
  return JSON.stringify({
    name: HOSTILE.name,
    description: HOSTILE.description,
    input: {
      data: [
        [0, 1],
        [2, 3],
      ],
    },
    layers: [
      {
        name: HOSTILE.layer,
        kernel: {
          data: [
            [0, 1],
            [2, 3],
          ],
        },
        stride: 2,
      },
      { name: '<b onmouseover=alert(1)>bold</b>', kernelSize: 1 },
    ],
  });
}

describe('preview webview security (Chromium, the real CSP)', function () {
  this.timeout(120_000);
  let p: PreviewPage;

  before(async () => {
    p = await PreviewPage.open();
  });
  after(async () => {
    await p?.close();
  });

  async function assertClean(): Promise<void> {
    assert.equal(await p.page.evaluate('window.__tconvPwned'), undefined, 'an injected script ran');
    assert.deepEqual(
      await p.page.evaluate<string[]>(
        `[...document.querySelectorAll(${JSON.stringify(INJECTED)})].map((e) => e.outerHTML.slice(0, 80))`,
      ),
      [],
      'injected elements',
    );
    const handlers = await p.page.evaluate<string[]>(
      `[...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on') || /^\\s*javascript:/i.test(a.value)).map((a) => e.tagName + ' ' + a.name))`,
    );
    assert.deepEqual(handlers, [], 'event-handler or javascript: attributes');
    assert.equal(await p.page.evaluate(`getComputedStyle(document.body).display`), 'block', 'injected CSS');
    assert.deepEqual(await p.problems(), [], 'CSP violations or console errors');
  }

  it('renders hostile names, descriptions and layer names as text in every view', async () => {
    await p.render(payloadOf(hostileSpec(), { symbolic: true }), '<img src=x onerror=alert(1)>.tconv.json');
    for (const view of VIEW_IDS) {
      await p.showView(view);
      const cell = p.page.locator(`vscode-tab-panel[data-view="${view}"] td[data-i="0"]`).first();
      if (await cell.isVisible()) await cell.hover();
      await assertClean();
    }
    assert.equal(await p.page.locator('.spec-title').textContent(), HOSTILE.name);
    assert.equal(await p.page.locator('.spec-description').textContent(), HOSTILE.description);
    assert.match(
      (await p.page.locator('.spec-meta').textContent()) ?? '',
      /^<img src=x onerror=alert\(1\)>\.tconv\.json/,
    );
  });

  it('keeps right-to-left overrides inside their own text', async () => {
    const isolated = await p.page.evaluate<string[]>(
      `[...document.querySelectorAll('.user-text')].filter((e) => e.textContent.includes('\\u202E')).map((e) => getComputedStyle(e).unicodeBidi)`,
    );
    assert.ok(isolated.length > 0);
    assert.ok(
      isolated.every((v) => v === 'isolate'),
      isolated.join(),
    );
  });

  it('a 100,000-character name wraps instead of widening the page', async () => {
    const width = await p.page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 1100, `page is ${width}px wide`);
  });

  it('renders hostile error messages and diagnostics as text', async () => {
    await p.send({
      type: 'error',
      version: nextVersion(),
      documentUri: 'file:///work/%3Csvg%20onload=alert(1)%3E',
      fileName: '<svg onload=alert(1)>',
      message: HOSTILE.name,
      diagnostics: [
        {
          code: '<b>code</b>',
          message: HOSTILE.description,
          severity: 'error',
          line: 1,
          column: 1,
          offset: 0,
          length: 1,
        },
      ],
    });
    await p.page.waitForSelector('.error-banner:not([hidden])');
    await assertClean();
    assert.match((await p.page.locator('.error-banner .error-message').textContent()) ?? '', /^<script>/);
  });

  it("ignores messages that are not the protocol's, whatever they hold", async () => {
    await p.page.evaluate(
      `window.postMessage({ type: 'render', version: 1e9, payload: '<img src=x onerror=alert(1)>' }, '*')`,
    );
    await p.page.evaluate(`window.postMessage('<script>alert(1)</script>', '*')`);
    await p.page.evaluate(`window.postMessage({ type: 'eval', code: 'window.__tconvPwned = 1' }, '*')`);
    await p.page.waitForTimeout(100);
    await assertClean();
  });
});
