// Entry point of `npm run bench` (node --expose-gc --import tsx bench/run.ts).
//   --cases tiny,d2l       only these cases (default: all, see bench/cases.ts)
//   --engines ours-f64,... only these engines (default: all, see bench/adapters/index.ts)
//   --quick                short timing policy (smoke test; the correctness phase is unchanged)
//   --out <file>           JSON summary path (default: bench/results/latest.json)
import { mkdirSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ADAPTERS, REFERENCE, type Adapter } from './adapters';
import { CASES, DEFAULT_POLICY, QUICK_POLICY, type BenchCase } from './cases';
import {
  formatCases,
  formatChecks,
  formatHeader,
  formatMemory,
  formatResults,
  formatTargets,
  machine,
  summary,
  type ReportInput,
} from './report';
import { runBench } from './runner';

function pick<T extends { readonly name?: string; readonly id?: string }>(
  all: readonly T[],
  list: string | undefined,
  what: string,
): T[] {
  if (list === undefined) return [...all];
  const key = (t: T) => t.name ?? t.id ?? '';
  const wanted = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = wanted.filter((w) => !all.some((t) => key(t) === w));
  if (unknown.length) throw new Error(`unknown ${what}: ${unknown.join(', ')} (known: ${all.map(key).join(', ')})`);
  return all.filter((t) => wanted.includes(key(t)));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string' },
      engines: { type: 'string' },
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(
      `usage: npm run bench -- [--cases ${CASES.map((c) => c.name).join(',')}] [--engines ${ADAPTERS.map((a) => a.id).join(',')}] [--quick] [--out file.json]`,
    );
    return 0;
  }
  const cases: BenchCase[] = pick(CASES, values.cases, 'case');
  const adapters: Adapter[] = pick(ADAPTERS, values.engines, 'engine');
  const basePolicy = values.quick ? QUICK_POLICY : DEFAULT_POLICY;
  const outFile = path.resolve(values.out ?? path.join(__dirname, 'results', 'latest.json'));
  const log = (line: string) => process.stderr.write(`${line}\n`);

  const startedAt = new Date();
  const loadAtStart = os.loadavg()[0];
  const t0 = performance.now();
  const outcome = await runBench({ cases, adapters, basePolicy, log });
  const durationMs = performance.now() - t0;

  const engineInfo: Record<string, Record<string, unknown>> = {};
  for (const a of new Set([REFERENCE, ...adapters])) engineInfo[a.id] = (await a.describe?.()) ?? {};

  const report: ReportInput = {
    outcome,
    cases,
    adapters,
    engineInfo,
    machine: machine(loadAtStart),
    basePolicy,
    startedAt,
    durationMs,
  };
  mkdirSync(path.dirname(outFile), { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(summary(report), null, 2)}\n`);
  const shownPath = path.relative(process.cwd(), outFile) || outFile;

  const sections = [formatHeader(report.machine, adapters, engineInfo), formatCases(cases), formatChecks(outcome)];
  if (!outcome.correct) {
    console.log(sections.filter(Boolean).join('\n\n'));
    const bad = outcome.checks.flatMap((r) => [
      ...(r.ok
        ? []
        : [
            `${r.caseName} · ${r.engine}: max rel diff ${r.maxRelDiff.toExponential(3)} > tolerance ${r.tolerance} (max abs diff ${r.maxAbsDiff.toExponential(3)} at flat NCHW index ${r.worstIndex})`,
          ]),
      ...r.crossChecks
        .filter((x) => !x.ok)
        .map(
          (x) =>
            `${r.caseName} · ${r.engine} · ${x.label}: max rel diff ${x.maxRelDiff.toExponential(3)}, expected to ${x.expect}`,
        ),
    ]);
    console.error(
      [
        '',
        '!'.repeat(78),
        '!! BENCHMARK ABORTED: an engine disagrees with the float64 reference; nothing was timed.',
        ...bad.map((b) => `!!   ${b}`),
        '!'.repeat(78),
      ].join('\n'),
    );
    console.error(`summary (status correctness-failed) written to ${shownPath}`);
    return 1;
  }
  sections.push(
    formatResults(report),
    formatTargets(report),
    formatMemory(report),
    `total ${(durationMs / 1000).toFixed(1)} s · JSON summary: ${shownPath}`,
  );
  console.log(sections.filter(Boolean).join('\n\n'));
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error('bench failed:', err instanceof Error ? (err.stack ?? err.message) : err);
    process.exitCode = 1;
  },
);
