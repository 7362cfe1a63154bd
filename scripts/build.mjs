// Bundles every entry point with esbuild:
//   dist/cli.js                 the `tconv` command line (Node)
//   dist/extension.js           the desktop extension host bundle (Node, CommonJS, `vscode` external)
//   dist/analysisWorker.js      the analysis worker for the desktop host (worker_threads)
//   dist/web/extension.js       the VS Code for the Web bundle (web worker, `vscode` external)
//   dist/web/analysisWorker.js  the analysis worker for the web host
//   media/preview.js, .css      the preview webview app (browser)
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
// jsonc-parser's UMD entry hides its requires from bundlers; its ESM entry bundles cleanly.
const alias = { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' };
const common = { bundle: true, alias, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };
const node = { platform: 'node', format: 'cjs', target: 'node20' };
const web = { platform: 'browser', format: 'iife', target: 'es2022' };

const targets = [
  { ...node, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js',
    // ESM dependencies (fdir via tinyglobby) read import.meta.url, which CommonJS output lacks.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" } },
];
if (existsSync('src/vscode/extension.ts')) {
  targets.push(
    { ...node, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
    { ...node, entryPoints: ['src/analysis/workerMain.ts'], outfile: 'dist/analysisWorker.js', define: { __TCONV_WEB__: 'false' } },
    { ...web, format: 'cjs', entryPoints: ['src/vscode/web/extension.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] },
    { ...web, entryPoints: ['src/analysis/workerMain.ts'], outfile: 'dist/web/analysisWorker.js', define: { __TCONV_WEB__: 'true' } },
  );
}
if (existsSync('webview/src/main.ts')) {
  // KaTeX lists woff2, woff and ttf fonts; the browsers that run VS Code use woff2, and data: fonts would break the CSP.
  targets.push({ ...web, entryPoints: ['webview/src/main.ts'], outfile: 'media/preview.js',
    loader: { '.woff2': 'file', '.woff': 'empty', '.ttf': 'empty' }, assetNames: 'fonts/[name]' });
}

await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t })));
chmodSync('dist/cli.js', 0o755);
