/** Per-case time and memory, summed up for the closing line. Timings are printed, never asserted. */
import type { CaseResult, FuzzCase } from './check';

/** Cases slower than this are listed in the report (a benchmark flag, not a test failure). */
export const SLOW_CASE_MS = 100;

/** The product's work for a case (CaseResult.pipelineMs), validateSpec alone, or the whole case with the property's checks. */
type TimeSeries = 'pipeline' | 'validate' | 'case';

export interface SlowCase {
  readonly family: string;
  readonly ms: number;
  readonly length: number;
  readonly preview: string;
}

export class FuzzStats {
  private readonly times: number[] = [];
  private readonly pipelineTimes: number[] = [];
  private readonly validateTimes: number[] = [];
  readonly byFamily = new Map<string, number>();
  readonly slow: SlowCase[] = [];
  /** The slowest case by the product's work, whatever its time (the line that says how close the run came). */
  slowest: SlowCase | undefined;
  cases = 0;
  failed = 0;
  clean = 0;
  evaluated = 0;
  verificationsPassed = 0;
  verificationsFailed = 0;
  verificationsNotRun = 0;
  readonly failedVerifications = new Map<string, number>();
  readonly codes = new Map<string, number>();
  peakRss = 0;
  peakHeapUsed = 0;
  maxArrayBuffersDelta = 0;

  add(c: FuzzCase, r: CaseResult): void {
    this.cases++;
    // A case whose process died has no time.
    if (Number.isFinite(r.ms)) this.times.push(r.ms);
    if (Number.isFinite(r.pipelineMs)) this.pipelineTimes.push(r.pipelineMs);
    if (Number.isFinite(r.validateMs)) this.validateTimes.push(r.validateMs);
    this.byFamily.set(c.family, (this.byFamily.get(c.family) ?? 0) + 1);
    if (r.failures.length > 0) this.failed++;
    if (r.clean) this.clean++;
    if (r.evaluated) this.evaluated++;
    this.verificationsPassed += r.verifications.passed;
    this.verificationsFailed += r.verifications.failed;
    this.verificationsNotRun += r.verifications.notRun;
    for (const name of r.verifications.failedNames)
      this.failedVerifications.set(name, (this.failedVerifications.get(name) ?? 0) + 1);
    for (const code of new Set(r.codes)) this.codes.set(code, (this.codes.get(code) ?? 0) + 1);
    this.peakRss = Math.max(this.peakRss, r.rssAfter);
    this.peakHeapUsed = Math.max(this.peakHeapUsed, r.heapUsedAfter);
    this.maxArrayBuffersDelta = Math.max(this.maxArrayBuffersDelta, r.arrayBuffersDelta);
    const described = () => ({
      family: c.family,
      ms: r.pipelineMs,
      length: c.text.length,
      preview: JSON.stringify(c.text.slice(0, 120)),
    });
    if (!(r.pipelineMs <= SLOW_CASE_MS)) this.slow.push(described());
    if (Number.isFinite(r.pipelineMs) && !(r.pipelineMs <= (this.slowest?.ms ?? -1))) this.slowest = described();
  }

  private series(which: TimeSeries): number[] {
    return which === 'pipeline' ? this.pipelineTimes : which === 'validate' ? this.validateTimes : this.times;
  }

  /** The p-th percentile (0..100) of per-case milliseconds. */
  percentile(p: number, which: TimeSeries = 'pipeline'): number {
    const times = this.series(which);
    if (times.length === 0) return 0;
    const sorted = [...times].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }

  maxMs(which: TimeSeries = 'pipeline'): number {
    return this.series(which).reduce((a, b) => Math.max(a, b), 0);
  }

  /** The closing line CI reads. */
  summaryLine(seed: number, totalMs: number): string {
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
    const times = (which: TimeSeries) =>
      `max ${this.maxMs(which).toFixed(1)} ms, p99 ${this.percentile(99, which).toFixed(2)} ms, p50 ${this.percentile(50, which).toFixed(2)} ms`;
    return (
      `fuzz: ${this.cases} cases (seed ${seed}), ${this.failed} failed, ${this.clean} clean, ${this.evaluated} evaluated; ` +
      `per case (validate, evaluate and verify, hovers) ${times('pipeline')}, ${this.slow.length} over ${SLOW_CASE_MS} ms ` +
      `(validateSpec alone: ${times('validate')}; with the property's extra checks: ${times('case')}); ` +
      `peak rss ${mb(this.peakRss)}, peak heap ${mb(this.peakHeapUsed)}, ` +
      `max array-buffer growth per case ${mb(Math.max(0, this.maxArrayBuffersDelta))}; total ${(totalMs / 1000).toFixed(1)} s`
    );
  }

  details(): string[] {
    const sortedEntries = (m: Map<string, number>) =>
      [...m.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    const lines = [
      `  families: ${sortedEntries(this.byFamily)}`,
      `  diagnostic codes (cases with at least one): ${sortedEntries(this.codes)}`,
      `  verifications on clean specs: ${this.verificationsPassed} passed, ${this.verificationsFailed} failed, ${this.verificationsNotRun} not run${this.failedVerifications.size ? ` (failed: ${sortedEntries(this.failedVerifications)})` : ''}`,
    ];
    if (this.slowest && this.slow.length === 0) {
      const s = this.slowest;
      lines.push(`  slowest case: ${s.ms.toFixed(0)} ms [${s.family}] ${s.length} chars: ${s.preview}`);
    }
    const slowest = [...this.slow].sort((a, b) => b.ms - a.ms).slice(0, 10);
    for (const s of slowest) lines.push(`  SLOW ${s.ms.toFixed(0)} ms [${s.family}] ${s.length} chars: ${s.preview}`);
    if (this.slow.length > slowest.length) {
      const byFamily = new Map<string, number>();
      for (const s of this.slow) byFamily.set(s.family, (byFamily.get(s.family) ?? 0) + 1);
      lines.push(
        `  … and ${this.slow.length - slowest.length} more over ${SLOW_CASE_MS} ms; all ${this.slow.length} by family: ${sortedEntries(byFamily)}`,
      );
    }
    return lines;
  }
}
