// The runner: phase 1 checks every engine against the float64 reference on every case (and aborts on any
// disagreement before anything is timed); phase 2 times each (case, engine) pair. No timing assertions here.
import { performance } from 'node:perf_hooks';
import { sameShape, type Tensor } from '../src/engine';
import { REFERENCE, type Adapter, type PreparedCall } from './adapters';
import { flopsOf, makeInputs, policyOf, type BenchCase, type CaseInputs, type TimingPolicy } from './cases';

export interface Difference {
  readonly maxAbsDiff: number;
  /** max|out − ref| / max|ref|: relative to the output's scale, so outputs near zero cannot blow it up. */
  readonly maxRelDiff: number;
  /** Flat NCHW index of the worst element (-1 when the shapes differ). */
  readonly worstIndex: number;
}

export interface CrossCheckResult extends Difference {
  readonly label: string;
  readonly expect: 'agree' | 'disagree';
  readonly ok: boolean;
}

export interface CheckResult extends Difference {
  readonly caseName: string;
  readonly engine: string;
  readonly tolerance: number;
  readonly ok: boolean;
  readonly isReference: boolean;
  readonly crossChecks: readonly CrossCheckResult[];
}

export interface MemorySnapshot {
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

export interface MemoryStats {
  /** After a forced GC (when --expose-gc is on), before the engine was prepared. */
  readonly baseline: MemorySnapshot;
  /** Field-wise maximum over snapshots taken after the warm-up and after every sample. */
  readonly peak: MemorySnapshot;
}

export interface TimingResult {
  readonly caseName: string;
  readonly engine: string;
  /** Calls per sample. */
  readonly batch: number;
  readonly warmupCalls: number;
  /** Milliseconds per call, one entry per sample. */
  readonly samplesMs: readonly number[];
  readonly medianMs: number;
  readonly minMs: number;
  readonly p25Ms: number;
  readonly p75Ms: number;
  readonly gflops: number;
  readonly elapsedMs: number;
  readonly memory?: MemoryStats;
}

export interface Skipped {
  readonly caseName: string;
  readonly engine: string;
  readonly reason: string;
}

export interface RunOutcome {
  readonly checks: readonly CheckResult[];
  readonly timings: readonly TimingResult[];
  readonly skipped: readonly Skipped[];
  readonly correct: boolean;
}

export interface RunOptions {
  readonly cases: readonly BenchCase[];
  readonly adapters: readonly Adapter[];
  readonly basePolicy: TimingPolicy;
  /** Progress lines (the runner never writes to stdout itself). */
  readonly log: (line: string) => void;
}

const gc = (globalThis as { gc?: () => void }).gc;

export function gcAvailable(): boolean {
  return typeof gc === 'function';
}

function collect(): void {
  if (gc) {
    gc();
    gc();
  }
}

export function compare(out: Tensor, ref: Tensor): Difference {
  if (!sameShape(out.shape, ref.shape)) return { maxAbsDiff: Infinity, maxRelDiff: Infinity, worstIndex: -1 };
  let maxAbs = 0;
  let maxRef = 0;
  let worst = -1;
  for (let i = 0; i < ref.data.length; i++) {
    const r = ref.data[i];
    const d = Math.abs(out.data[i] - r);
    if (!(d <= maxAbs)) {
      // Also taken when d is NaN: NaN poisons the result.
      maxAbs = Number.isNaN(d) ? Infinity : d;
      worst = i;
    }
    if (Math.abs(r) > maxRef) maxRef = Math.abs(r);
  }
  if (worst === -1 && ref.data.length > 0) worst = 0;
  const maxRel = maxRef > 0 ? maxAbs / maxRef : maxAbs;
  return { maxAbsDiff: maxAbs, maxRelDiff: maxRel, worstIndex: worst };
}

function fmtDiff(d: number): string {
  return d === 0 ? '0' : d.toExponential(2);
}

// ---------------------------------------------------------------- phase 1: correctness

async function checkCase(
  c: BenchCase,
  inputs: CaseInputs,
  adapters: readonly Adapter[],
  log: RunOptions['log'],
): Promise<CheckResult[]> {
  const refPrepared = await REFERENCE.prepare(c, inputs);
  const ref = refPrepared.output();
  refPrepared.dispose();
  const results: CheckResult[] = [];
  for (const adapter of adapters) {
    if (adapter.unsupported(c) !== null) continue;
    const isReference = adapter === REFERENCE;
    const prepared = isReference ? null : await adapter.prepare(c, inputs);
    try {
      const diff = isReference ? compare(ref, ref) : compare((prepared as PreparedCall).output(), ref);
      const ok = diff.maxRelDiff <= adapter.tolerance;
      const crossChecks: CrossCheckResult[] = [];
      if (c.crossChecks && prepared?.crossChecks) {
        for (const cc of prepared.crossChecks) {
          const d = compare(cc.output(), ref);
          const agrees = d.maxRelDiff <= adapter.tolerance;
          crossChecks.push({ label: cc.label, expect: cc.expect, ok: agrees === (cc.expect === 'agree'), ...d });
        }
      }
      results.push({
        caseName: c.name,
        engine: adapter.id,
        tolerance: adapter.tolerance,
        ok,
        isReference,
        crossChecks,
        ...diff,
      });
      const ccNote = crossChecks.length
        ? `; ${crossChecks.filter((x) => x.ok).length}/${crossChecks.length} mapping cross-checks as expected`
        : '';
      log(
        `  check ${c.name.padEnd(6)} ${adapter.id.padEnd(12)} ${ok ? 'ok  ' : 'FAIL'} max rel diff ${isReference ? '(reference)' : fmtDiff(diff.maxRelDiff)} (tol ${adapter.tolerance.toExponential(0)})${ccNote}`,
      );
    } finally {
      prepared?.dispose();
    }
  }
  return results;
}

// ---------------------------------------------------------------- phase 2: timing

/** Holds the last result so no call can be treated as dead code. */
let _sink: unknown;

function snapshot(): MemorySnapshot {
  const m = process.memoryUsage();
  return {
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
  };
}

function maxSnapshot(a: MemorySnapshot, b: MemorySnapshot): MemorySnapshot {
  return {
    rss: Math.max(a.rss, b.rss),
    heapUsed: Math.max(a.heapUsed, b.heapUsed),
    heapTotal: Math.max(a.heapTotal, b.heapTotal),
    external: Math.max(a.external, b.external),
    arrayBuffers: Math.max(a.arrayBuffers, b.arrayBuffers),
  };
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function measure(prepared: PreparedCall, policy: TimingPolicy, trackMemory: boolean, baseline: MemorySnapshot | null) {
  const now = () => performance.now();
  // Warm-up: at least one call, then until warmupMs has passed.
  let warmupCalls = 0;
  const w0 = now();
  do {
    _sink = prepared.call();
    warmupCalls++;
  } while (now() - w0 < policy.warmupMs);
  const perCall = (now() - w0) / warmupCalls;
  const batch = Math.max(1, Math.min(1_000_000, Math.round(policy.targetSampleMs / Math.max(perCall, 1e-6))));
  let peak = trackMemory && baseline ? maxSnapshot(baseline, snapshot()) : null;

  const samples: number[] = [];
  const t0 = now();
  for (;;) {
    const s0 = now();
    for (let i = 0; i < batch; i++) _sink = prepared.call();
    samples.push((now() - s0) / batch);
    if (peak) peak = maxSnapshot(peak, snapshot());
    const elapsed = now() - t0;
    if (samples.length >= policy.maxSamples) break;
    if (elapsed >= policy.minTimeMs && samples.length >= policy.minSamples) break;
    if (elapsed >= policy.maxTimeMs) break;
  }
  const elapsedMs = now() - t0;
  const sorted = [...samples].sort((a, b) => a - b);
  return { batch, warmupCalls, samples, sorted, elapsedMs, peak };
}

async function timeCase(
  c: BenchCase,
  inputs: CaseInputs,
  adapter: Adapter,
  basePolicy: TimingPolicy,
): Promise<TimingResult> {
  const policy = policyOf(c, basePolicy);
  collect();
  const baseline = c.trackMemory ? snapshot() : null;
  const prepared = await adapter.prepare(c, inputs);
  try {
    const m = measure(prepared, policy, c.trackMemory === true, baseline);
    const medianMs = quantile(m.sorted, 0.5);
    return {
      caseName: c.name,
      engine: adapter.id,
      batch: m.batch,
      warmupCalls: m.warmupCalls,
      samplesMs: m.samples,
      medianMs,
      minMs: m.sorted[0],
      p25Ms: quantile(m.sorted, 0.25),
      p75Ms: quantile(m.sorted, 0.75),
      gflops: flopsOf(c) / (medianMs * 1e6),
      elapsedMs: m.elapsedMs,
      ...(baseline && m.peak ? { memory: { baseline, peak: m.peak } } : {}),
    };
  } finally {
    prepared.dispose();
    _sink = undefined;
  }
}

export async function runBench(options: RunOptions): Promise<RunOutcome> {
  const { cases, adapters, basePolicy, log } = options;
  const inits = new Set<Adapter>([REFERENCE, ...adapters]);
  for (const adapter of inits) await adapter.init?.();

  const skipped: Skipped[] = [];
  const inputsByCase = new Map<string, CaseInputs>();
  for (const c of cases) {
    inputsByCase.set(c.name, makeInputs(c));
    for (const adapter of adapters) {
      const reason = adapter.unsupported(c);
      if (reason !== null) skipped.push({ caseName: c.name, engine: adapter.id, reason });
    }
  }

  log(`phase 1/2: correctness against ${REFERENCE.id} (max|out − ref| / max|ref|)`);
  const checks: CheckResult[] = [];
  for (const c of cases) checks.push(...(await checkCase(c, inputsByCase.get(c.name) as CaseInputs, adapters, log)));
  const correct = checks.every((r) => r.ok && r.crossChecks.every((x) => x.ok));
  if (!correct) return { checks, timings: [], skipped, correct };

  log('phase 2/2: timing');
  const timings: TimingResult[] = [];
  for (const c of cases) {
    const inputs = inputsByCase.get(c.name) as CaseInputs;
    for (const adapter of adapters) {
      if (adapter.unsupported(c) !== null) continue;
      const t = await timeCase(c, inputs, adapter, basePolicy);
      timings.push(t);
      log(
        `  time  ${c.name.padEnd(6)} ${adapter.id.padEnd(12)} median ${t.medianMs.toPrecision(4)} ms/call, ${t.samplesMs.length} samples × ${t.batch} calls, ${(t.elapsedMs / 1000).toFixed(1)} s`,
      );
    }
  }
  return { checks, timings, skipped, correct };
}
