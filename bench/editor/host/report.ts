/** The host-block bench's verdict, the slowest client steps and specs, and its JSON summary (bench/results/host-block.json). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { quantile } from '../../stats';
import type { StepTime } from './caseRun';
import type { Serialization } from '../lsp/serverProcess';
import { HAS_SCHEDSTAT, type Stall } from './threadTimes';

export const TARGET_MS = 50;

export interface CaseRecord {
  readonly index: number;
  readonly family: string;
  readonly chars: number;
  /** The longest event-loop delay while the client handled this spec (monitorEventLoopDelay max, ms). */
  readonly blockMs: number;
  /** The longest late turn of the loop, with the main thread's CPU and run-queue time in it. */
  readonly stall: Stall;
  /** What the client itself blocked for: the longest of a step's CPU time and the CPU time inside a late turn. */
  readonly hostMs: number;
  readonly gcMaxMs: number;
  readonly steps: readonly StepTime[];
  readonly errors: readonly string[];
}

export interface RunInfo {
  readonly seed: number;
  readonly fuzzCases: number;
  readonly sizeCapCases: number;
  readonly serialization: Serialization;
  readonly runMs: number;
  /** The event loop's longest delay while the client idles and the server validates a 10 MB spec. */
  readonly noiseFloor?: { readonly spec: string; readonly maxMs: number; readonly stall: Stall };
}

const fmt = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
const SLOWEST_STEPS = 10;

function stepTable(records: readonly CaseRecord[]) {
  const byStep = new Map<string, { ms: number; cpuMs?: number; gcMs?: number; size?: number; index: number }[]>();
  for (const r of records) {
    for (const s of r.steps) {
      const list = byStep.get(s.step) ?? [];
      list.push({ ...s, index: r.index });
      byStep.set(s.step, list);
    }
  }
  return [...byStep.entries()]
    .map(([step, xs]) => {
      const sorted = xs.map((x) => x.ms).sort((a, b) => a - b);
      const worst = xs.reduce((a, b) => (b.ms > a.ms ? b : a));
      const sizes = xs.flatMap((x) => (x.size === undefined ? [] : [x.size])).sort((a, b) => a - b);
      return {
        step,
        count: xs.length,
        p50Ms: quantile(sorted, 0.5),
        p99Ms: quantile(sorted, 0.99),
        maxMs: worst.ms,
        cpuInMaxMs: worst.cpuMs,
        gcInMaxMs: worst.gcMs ?? 0,
        worstCase: { index: worst.index, family: records[worst.index].family, chars: records[worst.index].chars },
        ...(sizes.length > 0 ? { sizeChars: { p50: quantile(sizes, 0.5), max: sizes[sizes.length - 1] } } : {}),
      };
    })
    .sort((a, b) => b.maxMs - a.maxMs);
}

export function report(records: readonly CaseRecord[], info: RunInfo): void {
  const worstLoop = records.reduce((a, b) => (b.blockMs > a.blockMs ? b : a));
  const worstHost = records.reduce((a, b) => (b.hostMs > a.hostMs ? b : a));
  const allSteps = records.flatMap((r) => r.steps.map((s) => ({ ...s, index: r.index })));
  const allSorted = allSteps.map((s) => s.ms).sort((a, b) => a - b);
  const slowestSteps = [...allSteps].sort((a, b) => b.ms - a.ms).slice(0, SLOWEST_STEPS);
  const steps = stepTable(records);
  const small = records.filter((r) => r.chars <= 1e6);
  const describe = (r: CaseRecord) => ({
    index: r.index,
    family: r.family,
    chars: r.chars,
    blockMs: r.blockMs,
    hostMs: r.hostMs,
    longestStall: r.stall,
    gcMaxMs: r.gcMaxMs,
    slowestStep: r.steps.reduce<StepTime | undefined>((a, b) => (a && a.ms >= b.ms ? a : b), undefined),
  });
  const summary = {
    requirement: 'The extension host never blocks for more than 50 ms on any fuzzed or capped spec (measured).',
    path: 'vscode-languageclient ↔ dist/server.js over Node IPC (child_process.fork, vscode-jsonrpc IPCMessageReader/Writer); vscode objects emulated',
    ipcSerialization: info.serialization,
    corpus: {
      seed: info.seed,
      fuzzCases: info.fuzzCases,
      sizeCapCases: info.sizeCapCases,
      deepNesting: 3,
      hugeDocuments: records.length - small.length,
      specs: records.length,
    },
    machine: {
      cpus: availableParallelism(),
      node: process.version,
      threadTimes: HAS_SCHEDSTAT ? 'schedstat' : 'none: CPU times are wall times',
    },
    hostBlockMs: {
      max: worstHost.hostMs,
      target: TARGET_MS,
      pass: worstHost.hostMs <= TARGET_MS,
      maxWithoutHugeDocuments: small.reduce((m, r) => Math.max(m, r.hostMs), 0),
      worstCase: describe(worstHost),
    },
    eventLoopDelayMs: {
      max: worstLoop.blockMs,
      p99PerSpec: quantile(
        records.map((r) => r.blockMs).sort((a, b) => a - b),
        0.99,
      ),
      maxWithoutHugeDocuments: small.reduce((m, r) => Math.max(m, r.blockMs), 0),
      worstCase: describe(worstLoop),
      noiseFloor: info.noiseFloor
        ? { what: 'client idle while the server validates a 10 MB spec', ...info.noiseFloor }
        : null,
    },
    hostSteps: {
      samples: allSteps.length,
      p50Ms: quantile(allSorted, 0.5),
      p99Ms: quantile(allSorted, 0.99),
      maxMs: allSorted[allSorted.length - 1] ?? 0,
    },
    slowestSteps: slowestSteps.map((s) => ({
      step: s.step,
      ms: s.ms,
      cpuMs: s.cpuMs,
      gcMs: s.gcMs,
      size: s.size,
      case: { index: s.index, family: records[s.index].family, chars: records[s.index].chars },
    })),
    steps,
    specsAbove50Ms: records.filter((r) => r.blockMs > TARGET_MS || r.hostMs > TARGET_MS).map(describe),
    errors: records
      .filter((r) => r.errors.length > 0)
      .map((r) => ({ index: r.index, family: r.family, errors: r.errors })),
    runSeconds: info.runMs / 1000,
    measuredAt: new Date().toISOString(),
  };

  const stallText = (st: Stall) =>
    `${fmt(st.gapMs)} ms late turn: main thread on a CPU ${fmt(st.cpuMs)} ms, waiting for one ${fmt(st.waitMs)} ms`;
  const h = summary.hostBlockMs.worstCase;
  const l = summary.eventLoopDelayMs.worstCase;
  console.log(
    `\nExtension host blocking (target ≤ ${TARGET_MS} ms), ${records.length} specs, seed ${info.seed}, IPC serialization ${info.serialization}, ${availableParallelism()} CPUs, ${(info.runMs / 1000).toFixed(0)} s`,
  );
  console.log(
    `  host blocked (CPU time of a step or of a late turn), max: ${fmt(h.hostMs)} ms on #${h.index} ${h.family} (${h.chars} chars); slowest step there ${h.slowestStep?.step} ${fmt(h.slowestStep?.ms)} ms`,
  );
  console.log(`    max without the 10 MB documents ${fmt(summary.hostBlockMs.maxWithoutHugeDocuments)} ms`);
  console.log(
    `  event-loop delay (monitorEventLoopDelay), max: ${fmt(l.blockMs)} ms on #${l.index} ${l.family} (${l.chars} chars); ${stallText(l.longestStall)}`,
  );
  console.log(
    `    p99 per spec ${fmt(summary.eventLoopDelayMs.p99PerSpec)} ms; max without the 10 MB documents ${fmt(summary.eventLoopDelayMs.maxWithoutHugeDocuments)} ms`,
  );
  if (info.noiseFloor)
    console.log(
      `    noise floor, client idle while the server validates a 10 MB spec: ${fmt(info.noiseFloor.maxMs)} ms (${stallText(info.noiseFloor.stall)})`,
    );
  console.log(
    `  client steps: ${allSteps.length} timed, p50 ${fmt(summary.hostSteps.p50Ms)} ms, p99 ${fmt(summary.hostSteps.p99Ms)} ms, max ${fmt(summary.hostSteps.maxMs)} ms`,
  );
  console.log(
    `\n  ${'step'.padEnd(28)} ${'count'.padStart(6)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)} ${'(CPU)'.padStart(7)} ${'(GC)'.padStart(6)}  worst spec`,
  );
  for (const s of steps) {
    console.log(
      `  ${s.step.padEnd(28)} ${String(s.count).padStart(6)} ${fmt(s.p50Ms).padStart(8)} ${fmt(s.p99Ms).padStart(8)} ${fmt(s.maxMs).padStart(8)} ${fmt(s.cpuInMaxMs).padStart(7)} ${fmt(s.gcInMaxMs).padStart(6)}  #${s.worstCase.index} ${s.worstCase.family} (${s.worstCase.chars} chars)`,
    );
  }
  console.log(`\n  the ${SLOWEST_STEPS} slowest steps:`);
  for (const s of summary.slowestSteps) {
    console.log(
      `    ${fmt(s.ms).padStart(8)} ms (CPU ${fmt(s.cpuMs)}, GC ${fmt(s.gcMs)})  ${s.step}${s.size === undefined ? '' : `, ${s.size} chars`}  #${s.case.index} ${s.case.family} (${s.case.chars} chars)`,
    );
  }
  if (summary.specsAbove50Ms.length > 0) {
    console.log(`\n  specs with a delay above ${TARGET_MS} ms: ${summary.specsAbove50Ms.length}`);
    for (const r of summary.specsAbove50Ms.slice(0, 20))
      console.log(
        `    #${r.index} ${r.family}: delay ${fmt(r.blockMs)} ms, host ${fmt(r.hostMs)} ms; ${stallText(r.longestStall)}; longest GC ${fmt(r.gcMaxMs)} ms`,
      );
  }
  if (summary.errors.length > 0) {
    console.log(`\n  requests that failed or went unanswered: ${summary.errors.length} specs`);
    for (const r of summary.errors.slice(0, 10)) console.log(`    #${r.index} ${r.family}: ${r.errors.join('; ')}`);
  }
  const out = path.resolve(__dirname, '..', '..', 'results', 'host-block.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
  console.log(
    `\n  ${summary.hostBlockMs.pass ? 'PASS' : 'FAIL'}: the host blocked at most ${fmt(h.hostMs)} ms (target ${TARGET_MS} ms). JSON summary: ${path.relative(process.cwd(), out)}`,
  );
}
