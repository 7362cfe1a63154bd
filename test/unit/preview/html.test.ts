import { strict as assert } from 'node:assert';
import { contentSecurityPolicy, previewHtml } from '../../../src/preview/html';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abcdef0123456789abcdef',
  scriptUri: 'https://x/media/preview.js',
  styleUri: 'https://x/media/preview.css',
  title: 'Preview <spec>',
};

describe('previewHtml', () => {
  const html = previewHtml(options);

  it('sets the strict CSP: no unsafe-inline, scripts only by nonce', () => {
    const csp = contentSecurityPolicy(options.cspSource, options.nonce);
    assert.equal(
      csp,
      "default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abcdef0123456789abcdef'",
    );
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp.replace(/'/g, '&#39;')}">`));
    assert.ok(!html.includes('unsafe-inline'));
    assert.ok(!html.includes('unsafe-eval'));
  });

  it('has one script, with the nonce, and no inline script, style or handler', () => {
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.ok(html.includes('<script nonce="abcdef0123456789abcdef" src="https://x/media/preview.js"></script>'));
    assert.ok(!/<style|style=|\son[a-z]+=/i.test(html));
  });

  it("links the stylesheets (KaTeX's first when it is separate) and escapes the title", () => {
    assert.ok(html.includes('<link rel="stylesheet" href="https://x/media/preview.css">'));
    assert.ok(html.includes('<title>Preview &lt;spec&gt;</title>'));
    const withKatex = previewHtml({ ...options, katexStyleUri: 'https://x/media/katex.css' });
    assert.ok(withKatex.indexOf('katex.css') < withKatex.indexOf('preview.css'));
  });

  it('declares the language of the labels: English by default, else the one given', () => {
    assert.ok(html.includes('<html lang="en">'));
    assert.ok(previewHtml({ ...options, lang: 'pt-br' }).includes('<html lang="pt-br">'));
    assert.ok(previewHtml({ ...options, lang: '"><x' }).includes('<html lang="&quot;&gt;&lt;x">'));
  });

  it('refuses a nonce that is short or not a token', () => {
    assert.throws(() => previewHtml({ ...options, nonce: 'abc' }));
    assert.throws(() => previewHtml({ ...options, nonce: 'abcdef0123456789"><script>' }));
  });
});
