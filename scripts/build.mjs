// Bundles every entry point with esbuild. The extension host bundle keeps `vscode` external (CommonJS);
// the CLI is a self-contained Node script.
import * as esbuild from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const common = { bundle: true, sourcemap: !production, minify: production, logLevel: 'warning', legalComments: 'none' };

const targets = [
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20',
    banner: { js: '#!/usr/bin/env node' } },
];
if (existsSync('src/vscode/extension.ts')) {
  targets.push({ entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', platform: 'node',
    format: 'cjs', target: 'node20', external: ['vscode'] });
}

await Promise.all(targets.map((t) => esbuild.build({ ...common, ...t })));
chmodSync('dist/cli.js', 0o755);
