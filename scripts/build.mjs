// Bundles every entry point with esbuild. The extension host bundle keeps `vscode` external (CommonJS);
// the CLI is a self-contained Node script.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
// jsonc-parser's UMD entry hides its requires from bundlers; its ESM entry bundles cleanly.
const alias = { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' };
const common = { bundle: true, alias, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

const targets = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20',
    // ESM dependencies (fdir via tinyglobby) read import.meta.url, which CommonJS output lacks.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" } },
];
if (existsSync('src/vscode/extension.ts')) {
  targets.push({ entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', platform: 'node',
    format: 'cjs', target: 'node20', external: ['vscode'] });
}

await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t })));
chmodSync('dist/cli.js', 0o755);
