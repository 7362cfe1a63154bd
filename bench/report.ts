// The report: a readable table for stdout and a machine-readable JSON summary (bench/results/latest.json).
import * as os from 'node:os';
import { formatShape } from '../src/engine';
import { REFERENCE, type Adapter, type Tier } from './adapters';
import {
  CEILING_GFLOPS,
  describeCase,
  flopsOf,
  outputShapeOf,
  paramsOf,
  policyOf,
  weightShapeOf,
  type BenchCase,
  type TimingPolicy,
} from './cases';
import { gcAvailable, type CheckResult, type RunOutcome, type TimingResult } from './runner';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly availableParallelism: number;
  readonly node: string;
  readonly v8: string;
  readonly platform: string;
  readonly arch: string;
  readonly totalMemGiB: number;
  readonly gcExposed: boolean;
  /** 1-minute load averages at the start and the end of the run: well above 1 means other processes shared the cores. */
  readonly loadAverage1m: { readonly start: number; readonly end: number };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/** Call once at the start of the run; the end load average is read when the report is made. */
export function machine(loadAtStart: number): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    node: process.version,
    v8: process.versions.v8,
    platform: os.platform(),
    arch: os.arch(),
    totalMemGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    gcExposed: gcAvailable(),
    loadAverage1m: { start: round2(loadAtStart), end: round2(os.loadavg()[0]) },
  };
}

/** Engines the ratio columns divide: ours ÷ engine, so > 1 means ours is slower by that factor. */
const RATIO_BASES = ['ours-f64', 'ours-fast'] as const;

export interface Ceiling {
  readonly tier: Tier;
  readonly threads: number;
  /** Peak GFLOP/s of the tier on that many cores. */
  readonly gflops: number;
}

export function ceilingOf(adapter: Adapter, c: BenchCase): Ceiling {
  const tier = typeof adapter.tier === 'function' ? adapter.tier(c) : adapter.tier;
  const threads = adapter.threads ?? 1;
  return { tier, threads, gflops: CEILING_GFLOPS[tier] * threads };
}

const TIER_LABEL: Record<Tier, string> = { scalar: 'scalar', simd128: 'SIMD128' };

function ratiosOf(t: TimingResult, timings: readonly TimingResult[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const base of RATIO_BASES) {
    const b = timings.find((x) => x.caseName === t.caseName && x.engine === base);
    out[base] = b ? b.medianMs / t.medianMs : null;
  }
  return out;
}

// ---------------------------------------------------------------- text

type Align = 'l' | 'r';

function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (align[i] === 'r' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const MB = 2 ** 20;
const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const signedMb = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${(Math.abs(bytes) / MB).toFixed(1)} MB`;

function fmtTime(ms: number, unit: 'µs' | 'ms'): string {
  const v = unit === 'µs' ? ms * 1000 : ms;
  return `${v >= 100 ? v.toFixed(1) : v >= 10 ? v.toFixed(2) : v.toFixed(3)} ${unit}`;
}

function fmtRatio(r: number | null): string {
  if (r === null) return '—';
  return r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(2)}×`;
}

function fmtPercent(fraction: number): string {
  const p = fraction * 100;
  return `${p >= 10 ? p.toFixed(0) : p >= 0.1 ? p.toFixed(1) : p.toFixed(3)}%`;
}

function fmtFlops(flops: number): string {
  if (flops >= 1e9) return `${(flops / 1e9).toFixed(2)} GFLOP`;
  if (flops >= 1e6) return `${(flops / 1e6).toFixed(2)} MFLOP`;
  if (flops >= 1e3) return `${(flops / 1e3).toFixed(1)} kFLOP`;
  return `${flops} FLOP`;
}

function fmtDiff(c: CheckResult | undefined): string {
  if (!c) return '—';
  if (c.isReference) return 'reference';
  return c.maxRelDiff === 0 ? '0' : c.maxRelDiff.toExponential(2);
}

export interface ReportInput {
  readonly outcome: RunOutcome;
  readonly cases: readonly BenchCase[];
  readonly adapters: readonly Adapter[];
  readonly engineInfo: Readonly<Record<string, Record<string, unknown>>>;
  readonly machine: Machine;
  readonly basePolicy: TimingPolicy;
  readonly startedAt: Date;
  readonly durationMs: number;
}

export function formatHeader(m: Machine, adapters: readonly Adapter[], engineInfo: ReportInput['engineInfo']): string {
  const lines = [
    'tconv benchmark: ConvTranspose2d (PyTorch semantics), no bias',
    `machine: ${m.cpu} · ${m.cores} cores · node ${m.node} (V8 ${m.v8}) · ${m.platform} ${m.arch} · ${m.totalMemGiB} GiB · load avg (1 min) ${m.loadAverage1m.start} → ${m.loadAverage1m.end}${m.gcExposed ? '' : ' · gc NOT exposed (run with --expose-gc)'}`,
    'engines:',
  ];
  for (const a of adapters) {
    const info = engineInfo[a.id] ?? {};
    const facts = Object.entries(info)
      .filter(([k]) => k !== 'wasmDir')
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    lines.push(`  ${a.id.padEnd(12)} ${a.label}${a === REFERENCE ? ' [reference]' : ''}${facts ? ` (${facts})` : ''}`);
  }
  return lines.join('\n');
}

export function formatCases(cases: readonly BenchCase[]): string {
  return table(
    ['case', 'problem (input → output, params)', 'work'],
    cases.map((c) => [c.name, describeCase(c), fmtFlops(flopsOf(c))]),
    ['l', 'l', 'r'],
  );
}

export function formatChecks(outcome: RunOutcome): string {
  const lines: string[] = [];
  for (const r of outcome.checks) {
    for (const cc of r.crossChecks) {
      lines.push(
        `  ${r.caseName.padEnd(6)} ${r.engine.padEnd(12)} ${cc.label.padEnd(40)} max rel diff ${cc.maxRelDiff.toExponential(2)} → ${cc.expect === 'agree' ? 'agrees' : 'rejected'}${cc.ok ? '' : '  ✗ UNEXPECTED'}`,
      );
    }
  }
  return lines.length ? ['tfjs mapping cross-checks (not timed):', ...lines].join('\n') : '';
}

export function formatResults(input: ReportInput): string {
  const { outcome, cases, adapters } = input;
  const rows: string[][] = [];
  for (const c of cases) {
    const ts = outcome.timings.filter((t) => t.caseName === c.name);
    const unit: 'µs' | 'ms' = ts.length && Math.max(...ts.map((t) => t.medianMs)) < 1 ? 'µs' : 'ms';
    for (const t of ts) {
      const check = outcome.checks.find((x) => x.caseName === c.name && x.engine === t.engine);
      const r = ratiosOf(t, outcome.timings);
      const adapter = adapters.find((a) => a.id === t.engine);
      const ceiling = adapter ? ceilingOf(adapter, c) : null;
      rows.push([
        c.name,
        t.engine,
        fmtDiff(check),
        fmtTime(t.medianMs, unit),
        fmtTime(t.minMs, unit),
        t.gflops >= 0.1 ? t.gflops.toFixed(2) : t.gflops.toFixed(4),
        ceiling ? `${TIER_LABEL[ceiling.tier]}${ceiling.threads > 1 ? `×${ceiling.threads}` : ''}` : '—',
        ceiling ? fmtPercent(t.gflops / ceiling.gflops) : '—',
        fmtRatio(r['ours-f64']),
        fmtRatio(r['ours-fast']),
        `${t.samplesMs.length}×${t.batch}`,
      ]);
    }
    for (const s of outcome.skipped.filter((x) => x.caseName === c.name)) {
      rows.push([c.name, s.engine, 'n/a', `skipped: ${s.reason}`, '', '', '', '', '', '', '']);
    }
  }
  const text = table(
    [
      'case',
      'engine',
      'max rel diff',
      'median/call',
      'min/call',
      'GFLOP/s',
      'tier',
      '% of ceiling',
      'ours-f64÷this',
      'ours-fast÷this',
      'samples×batch',
    ],
    rows,
    ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'r', 'r', 'r', 'r'],
  );
  const notes = [
    'max rel diff = max|out − ref| / max|ref| against ours-f64, checked before any timing (tolerance 1e-4 for float32 engines).',
    'GFLOP/s from FLOPs = 2·N·C_in·H_in·W_in·(C_out/groups)·kH·kW at the median; ours÷this > 1 means ours is slower by that factor.',
    `% of ceiling = GFLOP/s ÷ the per-core peak of the engine's instruction tier (scalar multiply+add ${CEILING_GFLOPS.scalar} GFLOP/s, ` +
      `128-bit SIMD ${CEILING_GFLOPS.simd128} GFLOP/s; × threads).`,
  ];
  return `${text}\n${notes.join('\n')}`;
}

/** Issue #5's single-thread targets, checked against this run's medians (informational: nothing fails on them). */
export const TARGETS: readonly {
  readonly caseName: string;
  readonly engine: string;
  readonly targetMs: number;
  readonly moonshotMs?: number;
}[] = [
  { caseName: 'dcgan', engine: 'ours-fast', targetMs: 8, moonshotMs: 1.9 },
  { caseName: 'big', engine: 'ours-fast', targetMs: 255, moonshotMs: 64 },
  { caseName: 'tiny', engine: 'ours-auto', targetMs: 0.001 },
  { caseName: 'tiny', engine: 'ours-f32', targetMs: 0.001 },
];

/**
 * Targets on a speed-up measured in the same run: `engine` at least `atLeast` times as fast as `versus` on
 * `caseName` (their medians' ratio, versus ÷ engine). Issue 14: the fast path on the DCGAN layer ≥ 1.3×
 * onnxruntime-web on one thread.
 */
export const RATIO_TARGETS: readonly {
  readonly issue: string;
  readonly caseName: string;
  readonly engine: string;
  readonly versus: string;
  readonly atLeast: number;
}[] = [{ issue: '14', caseName: 'dcgan', engine: 'ours-fast', versus: 'ort-web', atLeast: 1.3 }];

function targetRows(outcome: RunOutcome) {
  return TARGETS.flatMap((t) => {
    const timing = outcome.timings.find((x) => x.caseName === t.caseName && x.engine === t.engine);
    if (!timing) return [];
    return [
      {
        ...t,
        medianMs: timing.medianMs,
        met: timing.medianMs <= t.targetMs,
        moonshotMet: t.moonshotMs === undefined ? null : timing.medianMs <= t.moonshotMs,
      },
    ];
  });
}

/** The ratio targets whose two engines both ran on the case. */
export function ratioTargetRows(outcome: {
  readonly timings: readonly Pick<TimingResult, 'caseName' | 'engine' | 'medianMs'>[];
}) {
  return RATIO_TARGETS.flatMap((t) => {
    const median = (engine: string) =>
      outcome.timings.find((x) => x.caseName === t.caseName && x.engine === engine)?.medianMs;
    const ours = median(t.engine);
    const theirs = median(t.versus);
    if (ours === undefined || theirs === undefined) return [];
    const speedup = theirs / ours;
    return [{ ...t, medianMs: ours, versusMedianMs: theirs, speedup, met: speedup >= t.atLeast }];
  });
}

export function formatTargets(input: ReportInput): string {
  const unitOf = (ms: number): 'µs' | 'ms' => (ms < 1 ? 'µs' : 'ms');
  const rows = targetRows(input.outcome).map((r) => {
    const unit = unitOf(r.targetMs);
    return [
      '5',
      r.caseName,
      r.engine,
      fmtTime(r.medianMs, unit),
      `≤ ${fmtTime(r.targetMs, unit)}`,
      r.met ? 'met' : 'NOT met',
      r.moonshotMs === undefined ? '' : `≤ ${fmtTime(r.moonshotMs, unit)}: ${r.moonshotMet ? 'met' : 'not met'}`,
    ];
  });
  for (const r of ratioTargetRows(input.outcome)) {
    const unit = unitOf(Math.min(r.medianMs, r.versusMedianMs));
    rows.push([
      r.issue,
      r.caseName,
      `${r.engine} vs ${r.versus}`,
      `${r.speedup.toFixed(2)}× (${fmtTime(r.medianMs, unit)} vs ${fmtTime(r.versusMedianMs, unit)})`,
      `≥ ${r.atLeast}×`,
      r.met ? 'met' : 'NOT met',
      '',
    ]);
  }
  if (!rows.length) return '';
  return [
    'targets (one thread, medians of this run):',
    table(['issue', 'case', 'engine', 'median', 'target', '', 'moonshot'], rows, ['r', 'l', 'l', 'r', 'r', 'l', 'l']),
  ].join('\n');
}

export function formatMemory(input: ReportInput): string {
  const tracked = input.outcome.timings.filter((t) => t.memory);
  if (!tracked.length) return '';
  const rows = tracked.map((t) => {
    const m = t.memory as NonNullable<TimingResult['memory']>;
    return [
      t.caseName,
      t.engine,
      mb(m.peak.rss),
      signedMb(m.peak.rss - m.baseline.rss),
      mb(m.peak.heapUsed),
      signedMb(m.peak.heapUsed - m.baseline.heapUsed),
      mb(m.peak.arrayBuffers),
      signedMb(m.peak.arrayBuffers - m.baseline.arrayBuffers),
    ];
  });
  const maxRss = process.resourceUsage().maxRSS * 1024;
  return [
    'memory (process.memoryUsage, sampled after warm-up and after every sample; Δ vs. a post-GC baseline before the engine was prepared;',
    'typed-array storage and the wasm heap are off the JS heap, in arrayBuffers):',
    table(
      ['case', 'engine', 'RSS peak', 'Δ RSS', 'heapUsed peak', 'Δ heap', 'arrayBuffers peak', 'Δ arrayBuffers'],
      rows,
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    `process peak RSS over the whole run (resourceUsage().maxRSS): ${mb(maxRss)}`,
  ].join('\n');
}

// ---------------------------------------------------------------- JSON

export function summary(input: ReportInput): Record<string, unknown> {
  const { outcome, cases, adapters } = input;
  return {
    schema: 'tconv-bench/1',
    status: outcome.correct ? 'ok' : 'correctness-failed',
    startedAt: input.startedAt.toISOString(),
    durationSeconds: Math.round(input.durationMs) / 1000,
    machine: input.machine,
    reference: REFERENCE.id,
    ceilingsGflopsPerCore: CEILING_GFLOPS,
    engines: adapters.map((a) => ({
      id: a.id,
      label: a.label,
      dtype: a.dtype,
      tolerance: a.tolerance,
      threads: a.threads ?? 1,
      timed: a.timed,
      ...(input.engineInfo[a.id] ?? {}),
    })),
    cases: cases.map((c) => {
      const p = paramsOf(c);
      return {
        name: c.name,
        description: c.description,
        input: c.input,
        weight: weightShapeOf(c),
        output: outputShapeOf(c),
        shapes: `${formatShape(c.input)} → ${formatShape(outputShapeOf(c))}`,
        stride: p.stride,
        padding: p.padding,
        outputPadding: p.outputPadding,
        dilation: p.dilation,
        groups: p.groups,
        seed: c.seed,
        flops: flopsOf(c),
        policy: policyOf(c, input.basePolicy),
      };
    }),
    checks: outcome.checks,
    skipped: outcome.skipped,
    results: outcome.timings.map((t) => {
      const c = cases.find((x) => x.name === t.caseName);
      const a = adapters.find((x) => x.id === t.engine);
      const ceiling = c && a ? ceilingOf(a, c) : null;
      return {
        case: t.caseName,
        engine: t.engine,
        medianMs: t.medianMs,
        minMs: t.minMs,
        p25Ms: t.p25Ms,
        p75Ms: t.p75Ms,
        gflops: t.gflops,
        ...(ceiling
          ? { tier: ceiling.tier, ceilingGflops: ceiling.gflops, fractionOfCeiling: t.gflops / ceiling.gflops }
          : {}),
        ratio: ratiosOf(t, outcome.timings),
        batch: t.batch,
        warmupCalls: t.warmupCalls,
        samples: t.samplesMs.length,
        elapsedMs: t.elapsedMs,
        samplesMs: t.samplesMs,
        ...(t.memory ? { memory: t.memory } : {}),
      };
    }),
    targets: targetRows(outcome),
    ratioTargets: ratioTargetRows(outcome),
    processPeakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
}
