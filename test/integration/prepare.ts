// Shared by run-code-server.ts and run-electron.ts: build the extension, compile the suites, make a workspace.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';

export const repoRoot = path.resolve(__dirname, '..', '..');
const defaultSuitesDir = path.join(__dirname, 'suites');

/** The .vsix that `npm run package` writes: what we ship is what the code-server run installs. */
export const vsixPath = path.join(repoRoot, 'tconv.vsix');

/** `npm run package`: production bundles and the .vsix. */
export function packageExtension(): string {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['run', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(vsixPath)) throw new Error(`npm run package failed (exit ${r.status ?? r.signal})`);
  return vsixPath;
}

/** `node scripts/build.mjs` when the extension source exists; otherwise ours loads with its contributions only. */
export function buildExtension(): void {
  if (!existsSync(path.join(repoRoot, 'src/vscode/extension.ts'))) {
    console.log('integration: no src/vscode/extension.ts yet, skipping the build');
  } else {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`node scripts/build.mjs failed (exit ${r.status ?? r.signal})`);
  }
  if (!existsSync(path.join(repoRoot, 'dist/extension.js'))) {
    console.log('integration: dist/extension.js absent, the tconv extension has no main to activate');
  }
}

/** Bundles each suites/*.test.ts (plus index.ts when asked) into outDir as CommonJS; returns the suite files. */
export async function compileSuites(
  outDir: string,
  withIndex = false,
  suitesDir = defaultSuitesDir,
): Promise<string[]> {
  const suites = readdirSync(suitesDir)
    .filter((f) => f.endsWith('.test.ts'))
    .sort();
  if (suites.length === 0) throw new Error(`no *.test.ts in ${suitesDir}`);
  // A suite may import the spec module (to compare with a fresh validation): jsonc-parser as in scripts/build.mjs.
  const common: esbuild.BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
    mainFields: ['module', 'main'],
  };
  await esbuild.build({
    ...common,
    entryPoints: suites.map((f) => path.join(suitesDir, f)),
    outdir: path.join(outDir, 'suites'),
  });
  if (withIndex) await esbuild.build({ ...common, entryPoints: [path.join(__dirname, 'index.ts')], outdir: outDir });
  return suites.map((f) => path.join(outDir, 'suites', f.replace(/\.ts$/, '.js')));
}

export const placeholderSpec = {
  input: {
    data: [
      [0, 1],
      [2, 3],
    ],
  },
  layer: {
    kernel: {
      data: [
        [0, 1],
        [2, 3],
      ],
    },
  },
};

/** A spec without value expectations, for the UI scenario to edit freely (d2l's stride-2 example). */
export const playgroundSpec = `{
  "name": "playground",
  "input": { "data": [[0, 1], [2, 3]] },
  "layer": { "kernel": { "data": [[0, 1], [2, 3]] }, "stride": 2 }
}
`;

/** A throw-away copy of examples/; adds a placeholder spec when the copy holds no *.tconv.json. */
export function prepareWorkspace(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const examples = path.join(repoRoot, 'examples');
  if (existsSync(examples)) cpSync(examples, dir, { recursive: true });
  // The examples say "$schema": "../schemas/…" (and "../../schemas/…" in broken/): give them that neighbour.
  cpSync(path.join(repoRoot, 'schemas'), path.join(path.dirname(dir), 'schemas'), { recursive: true });
  const hasSpec = readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.tconv.json'));
  if (!hasSpec)
    writeFileSync(path.join(dir, 'placeholder.tconv.json'), `${JSON.stringify(placeholderSpec, null, 2)}\n`);
  writeFileSync(path.join(dir, 'playground.tconv.json'), playgroundSpec);
  return dir;
}
