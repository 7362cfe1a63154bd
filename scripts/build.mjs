// Bundles every entry point with esbuild:
//   dist/cli.js                 the `tconv` command line (Node)
//   dist/extension.js           the desktop extension host bundle (Node, CommonJS, `vscode` external)
//   dist/server.js              the language server over Node IPC or stdio
//   dist/verifyWorker.js        its worker thread for verifications
//   dist/web/server.js          the language server in a Web Worker (VS Code for the Web)
//   dist/web/extension.js       the VS Code for the Web bundle (web worker, `vscode` external)
//   media/preview.js, .css      the preview webview app (browser)
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
// jsonc-parser's and vscode-json-languageservice's UMD entries hide their requires from bundlers; their ESM
// entries bundle cleanly.
const alias = {
  'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
  'vscode-json-languageservice': './node_modules/vscode-json-languageservice/lib/esm/jsonLanguageService.js',
};
const common = {
  bundle: true,
  alias,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};
const node = { platform: 'node', format: 'cjs', target: 'node20' };
const web = { platform: 'browser', format: 'iife', target: 'es2022' };

const targets = [
  {
    ...node,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    // ESM dependencies (fdir via tinyglobby) read import.meta.url, which CommonJS output lacks.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
];
if (existsSync('src/vscode/extension.ts')) {
  targets.push(
    { ...node, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { ...node, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.js' },
    { ...node, entryPoints: ['src/server/verifyWorker.ts'], outfile: 'dist/verifyWorker.js' },
    { ...web, entryPoints: ['src/server/browserMain.ts'], outfile: 'dist/web/server.js' },
    {
      ...web,
      format: 'cjs',
      entryPoints: ['src/vscode/web/extension.ts'],
      outfile: 'dist/web/extension.js',
      external: ['vscode'],
    },
  );
}
if (existsSync('webview/src/main.ts')) {
  // KaTeX lists woff2, woff and ttf fonts; the browsers that run VS Code use woff2, and data: fonts would break the CSP.
  targets.push({
    ...web,
    entryPoints: ['webview/src/main.ts'],
    outfile: 'media/preview.js',
    loader: { '.woff2': 'file', '.woff': 'empty', '.ttf': 'empty' },
    assetNames: 'fonts/[name]',
  });
}

await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t })));
chmodSync('dist/cli.js', 0o755);
