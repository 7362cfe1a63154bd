// `npm run bench:verify`: the DCGAN generator at batch 64 with every verification ("verify": "all"), through the
// verification threads as the language server uses them (the lead thread validates and evaluates the spec once,
// then the threads share the checks), on one thread and on two, in alternation. Reports wall time and the process's
// CPU time (all threads), medians of --rounds (default 3). Informational only: nothing here asserts a timing.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { VerificationThreads } from '../src/server/threadVerifier';

const root = path.join(__dirname, '..');
const script = path.join(root, 'dist/verifyWorker.js');
const rounds = Number(process.argv[process.argv.indexOf('--rounds') + 1]) || 3;

const text = readFileSync(path.join(root, 'examples/dcgan-generator.tconv.json'), 'utf8')
  .replace('"$schema": "../schemas/tconv.schema.json",', '')
  .replace('"shape": [100, 1, 1]', '"shape": [64, 100, 1, 1]')
  .replace(/, "expect": \{ "outputShape": \[[0-9, ]+\] \}/g, '')
  .replace(/"expect": \{ "outputShape": \[3, 64, 64\] \},/, '')
  .replace(/"verify":\s*\[[^\]]*\]/, '"verify": "all"');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function once(threads: number): Promise<{ wall: number; cpu: number; checks: string }> {
  const pool = new VerificationThreads(script, () => undefined, { threads });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcome = await pool.run({ text }, 'raw');
  const wall = (performance.now() - t0) / 1000;
  const { user, system } = process.cpuUsage(cpu0);
  await pool.dispose();
  const c = outcome.verification?.counts;
  return { wall, cpu: (user + system) / 1e6, checks: `${c?.passed} passed, ${c?.failed} failed, ${c?.notRun} not run` };
}

async function main(): Promise<void> {
  const runs: Record<number, { wall: number; cpu: number; checks: string }[]> = { 1: [], 2: [] };
  for (let r = 0; r < rounds; r++)
    for (const threads of [1, 2]) {
      const run = await once(threads);
      runs[threads].push(run);
      process.stderr.write(
        `round ${r + 1}, ${threads} thread(s): ${run.wall.toFixed(2)} s wall, ${run.cpu.toFixed(2)} s CPU\n`,
      );
    }
  for (const threads of [1, 2]) {
    const rs = runs[threads];
    console.log(
      `DCGAN batch 64, verify "all", ${threads} thread(s): median ${median(rs.map((r) => r.wall)).toFixed(2)} s wall, ` +
        `${median(rs.map((r) => r.cpu)).toFixed(2)} s CPU (${rs[0].checks})`,
    );
  }
}

void main();
