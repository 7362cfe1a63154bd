/**
 * The preview webview's HTML document: a strict Content Security Policy, one nonce'd script, stylesheets
 * from the extension's media folder, and an empty #app the script fills. No inline script, style or handler.
 */

export interface PreviewHtmlOptions {
  /** webview.cspSource */
  readonly cspSource: string;
  /** A fresh random token per document (letters and digits). */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** KaTeX's stylesheet when it is shipped separately (the bundle's CSS includes it by default). */
  readonly katexStyleUri?: string;
  readonly title: string;
  /** The language the preview's labels are in (vscode.env.language), for <html lang>; "en" when absent. */
  readonly lang?: string;
}

const ATTRIBUTE_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text safe inside a double-quoted attribute or element content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ATTRIBUTE_ESCAPES[c]);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function previewHtml(options: PreviewHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(options.nonce))
    throw new Error('previewHtml: the nonce must be at least 16 letters or digits');
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  const styles = [options.katexStyleUri, options.styleUri].filter((u): u is string => typeof u === 'string');
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(options.lang || 'en')}">`,
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    ...styles.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`),
    `<title>${escapeHtml(options.title)}</title>`,
    '</head>',
    '<body>',
    '<div id="app" role="main"></div>',
    `<script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
