/** A tiny HTTP server for the browser tests: the preview page (previewHtml) at "/" and the files of media/ under "/media/". */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { previewHtml } from '../../src/preview/html';

/** The built webview (scripts/build.mjs writes it); TCONV_MEDIA_DIR points the tests at another build. */
export const MEDIA_DIR = resolve(process.env.TCONV_MEDIA_DIR ?? join(__dirname, '../../media'));
export const TEST_NONCE = 'TestNonce0123456789abcdef';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

export interface PreviewServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** The file under media/ for a request path, or null when the path leaves media/. */
function mediaFile(pathname: string): string | null {
  const relative = normalize(decodeURIComponent(pathname.slice('/media/'.length)));
  const file = join(MEDIA_DIR, relative);
  return file.startsWith(MEDIA_DIR + sep) ? file : null;
}

export async function startServer(): Promise<PreviewServer> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (url.pathname === '/') {
      const html = previewHtml({
        cspSource: origin,
        nonce: TEST_NONCE,
        scriptUri: `${origin}/media/preview.js`,
        styleUri: `${origin}/media/preview.css`,
        title: 'tconv preview (test)',
      });
      send(200, 'text/html; charset=utf-8', html);
      return;
    }
    if (url.pathname === '/favicon.ico') {
      send(204, 'text/plain', '');
      return;
    }
    const file = url.pathname.startsWith('/media/') ? mediaFile(url.pathname) : null;
    if (!file) {
      send(404, 'text/plain', 'not found');
      return;
    }
    readFile(file).then(
      (body) => send(200, TYPES[extname(file)] ?? 'application/octet-stream', body),
      () => send(404, 'text/plain', 'not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
