// `npm run bench` (after `npm run build`): every benchmark, one after the other, each in its own process as its
// bench:* script runs it; stops at the first that fails, with its exit code. The arguments go to the engine bench
// (bench/run.ts: --cases, --engines, --quick, --out); the others run with their defaults.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.join(__dirname, '..');
const tsx = ['--import', 'tsx'];

const STEPS: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: 'engine (bench/run.ts)', args: ['--expose-gc', ...tsx, 'bench/run.ts', ...process.argv.slice(2)] },
  { name: 'editor latency (bench/editor/run.ts)', args: [...tsx, 'bench/editor/run.ts'] },
  { name: 'preview (test/browser/bench-preview.ts)', args: [...tsx, 'test/browser/bench-preview.ts'] },
  { name: 'extension host blocking (bench/editor/hostBlock.ts)', args: [...tsx, 'bench/editor/hostBlock.ts'] },
  { name: 'real scale (bench/scale.ts)', args: ['--expose-gc', ...tsx, 'bench/scale.ts'] },
  { name: 'verifications on two threads (bench/verify.ts)', args: [...tsx, 'bench/verify.ts'] },
  { name: "issue 14's verification targets (bench/verifyTargets.ts)", args: [...tsx, 'bench/verifyTargets.ts'] },
];

for (const step of STEPS) {
  process.stderr.write(`\n━━ ${step.name}\n`);
  const run = spawnSync(process.execPath, step.args, { cwd: root, stdio: 'inherit' });
  const code = run.status ?? 1;
  if (code !== 0) {
    process.stderr.write(`bench: ${step.name} failed (${run.signal ?? `exit ${code}`})\n`);
    process.exit(code);
  }
}
