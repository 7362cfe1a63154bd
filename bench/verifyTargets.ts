/**
 * `npm run bench:targets`: issue 14's two verification targets, end to end and check by check.
 *  - the bundled DCGAN example (examples/dcgan-generator.tconv.json) with "verify": "all": ≤ 1 s, 0 not run;
 *  - the DCGAN generator at batch 64 with "verify": "all": ≤ 5 s on 2 cores, 0 not run.
 * End to end: `node dist/cli.js verify` on the spec (its two verification threads), wall time, median of --runs.
 * Check by check: the same run in this process on one thread (validate, evaluate, then verifySpec), CPU ms per check
 * summed over the layers, first (cold, as in a fresh CLI) and second (warm) run. No test asserts a timing.
 *
 *   npm run build && node --import tsx bench/verifyTargets.ts [--runs 3] [--out bench/results/verify-targets.json]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { evaluateSpec, validateSpec } from '../src/specFile';
import { verifySpec, type SpecVerification } from '../src/specFile/verifySpec';

const root = path.join(__dirname, '..');

/** The bundled example with every verification, and the same generator at batch 64 (shapes-only expectations dropped). */
function targetSpecs(): { name: string; target: string; maxWallMs: number; text: string }[] {
  const spec = JSON.parse(readFileSync(path.join(root, 'examples/dcgan-generator.tconv.json'), 'utf8')) as {
    $schema?: string;
    input: { shape: number[] };
    layers: { expect?: unknown }[];
    expect?: unknown;
    verify?: unknown;
  };
  delete spec.$schema;
  const example = { ...spec, verify: 'all' };
  const batch64 = {
    ...example,
    input: { ...spec.input, shape: [64, ...spec.input.shape] },
    layers: spec.layers.map(({ expect: _expect, ...layer }) => layer),
    expect: undefined,
  };
  return [
    {
      name: 'bundled DCGAN example, "verify": "all"',
      target: '≤ 1 s, 0 not run',
      maxWallMs: 1000,
      text: JSON.stringify(example),
    },
    {
      name: 'DCGAN generator at batch 64, "verify": "all"',
      target: '≤ 5 s on 2 cores, 0 not run',
      maxWallMs: 5000,
      text: JSON.stringify(batch64),
    },
  ];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

function inProcess(text: string) {
  const c0 = process.cpuUsage();
  const { spec, plan } = validateSpec(text);
  if (!spec || !plan) throw new Error('the spec does not validate');
  const evaluation = evaluateSpec(spec, plan);
  const evaluateMs = cpuMs(process.cpuUsage(c0));
  const perCheck: Record<string, number> = {};
  let started = process.cpuUsage();
  const result = verifySpec(spec, plan, evaluation, {
    onProgress: (e) => {
      if (e.kind === 'start') started = process.cpuUsage();
      if (e.kind === 'finish')
        perCheck[e.check.name] = (perCheck[e.check.name] ?? 0) + cpuMs(process.cpuUsage(started));
    },
  });
  return { evaluateMs, totalMs: cpuMs(process.cpuUsage(c0)), perCheck, counts: result.counts };
}

function main(): void {
  const { values } = parseArgs({ options: { runs: { type: 'string' }, out: { type: 'string' } } });
  const runs = Number(values.runs ?? 3);
  const dir = mkdtempSync(path.join(tmpdir(), 'tconv-targets-'));
  const rows = targetSpecs().map(({ name, target, maxWallMs, text }) => {
    const file = path.join(dir, `${name.replace(/\W+/g, '-')}.tconv.json`);
    writeFileSync(file, text);
    const tconv = (args: string[]) => {
      const run = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'verify', ...args, file], {
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`${name}: tconv verify exited ${run.status}\n${run.stdout}${run.stderr}`);
      return run.stdout;
    };
    const wall: number[] = [];
    for (let r = 0; r < runs; r++) {
      const t0 = performance.now();
      tconv([]);
      wall.push(performance.now() - t0);
    }
    // The counts as the CLI reports them (a run apart, not timed).
    const [report] = JSON.parse(tconv(['--json'])) as { verification: { counts: SpecVerification['counts'] } }[];
    const counts = report.verification.counts;
    const cold = inProcess(text);
    const warm = inProcess(text);
    const cliWallMs = median(wall);
    const met = cliWallMs <= maxWallMs && counts.notRun === 0 && counts.failed === 0;
    const row = { name, target, met, cliWallMs, cliWallRunsMs: wall, cliCounts: counts, cold, warm };
    console.log(
      `${name} (target ${target}): tconv verify ${(cliWallMs / 1000).toFixed(2)} s wall (median of ${runs}: ` +
        `${wall.map((w) => (w / 1000).toFixed(2)).join(', ')}); ${counts.passed} passed, ${counts.failed} failed, ` +
        `${counts.notRun} not run: ${met ? 'met' : 'NOT met'}`,
    );
    for (const [label, r] of [
      ['cold', cold],
      ['warm', warm],
    ] as const) {
      const checks = Object.entries(r.perCheck)
        .map(([k, v]) => `${k} ${v.toFixed(0)}`)
        .join(', ');
      console.log(
        `  one thread, ${label}: ${r.totalMs.toFixed(0)} ms CPU (evaluation ${r.evaluateMs.toFixed(0)}; ${checks})`,
      );
    }
    return row;
  });
  const out = path.resolve(values.out ?? path.join(root, 'bench/results/verify-targets.json'));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
}

main();
