/**
 * The client thread's time on a CPU and waiting for one (Linux: /proc/<pid>/task/<pid>/schedstat), and a 1 ms
 * timer that records each turn of the event loop that came late with what the thread did meanwhile. A late turn
 * the thread spent waiting for a CPU is the machine's (on 2 vCPUs a busy server delays an idle client), one it
 * spent on a CPU is the client's: running our steps, collecting garbage, or parsing a received message (the IPC
 * channel parses each message on the main thread before any listener runs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const SCHEDSTAT = `/proc/${process.pid}/task/${process.pid}/schedstat`;
export const HAS_SCHEDSTAT = existsSync(SCHEDSTAT);

export interface ThreadTimes {
  readonly cpuNs: number;
  readonly waitNs: number;
}

/** The main thread's times so far; undefined where /proc has no schedstat. */
export function threadTimes(): ThreadTimes | undefined {
  if (!HAS_SCHEDSTAT) return undefined;
  const [cpuNs, waitNs] = readFileSync(SCHEDSTAT, 'utf8').split(' ').map(Number);
  return { cpuNs, waitNs };
}

export const cpuMsBetween = (a: ThreadTimes | undefined, b: ThreadTimes | undefined) =>
  a && b ? (b.cpuNs - a.cpuNs) / 1e6 : undefined;
const waitMsBetween = (a: ThreadTimes | undefined, b: ThreadTimes | undefined) =>
  a && b ? (b.waitNs - a.waitNs) / 1e6 : undefined;

/** A turn of the event loop that came more than STALL_MS late. */
export interface Stall {
  readonly gapMs: number;
  /** Of the gap: the main thread on a CPU and waiting for one (Linux). */
  readonly cpuMs?: number;
  readonly waitMs?: number;
}

const STALL_MS = 10;

export class StallMonitor {
  readonly stalls: Stall[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = performance.now();
  private lastTimes = threadTimes();

  start(): void {
    this.last = performance.now();
    this.lastTimes = threadTimes();
    this.timer = setTimeout(() => this.tick(), 1);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.tick(false);
  }

  /** The longest late turn (a zero gap if none). */
  get longest(): Stall {
    return this.stalls.reduce((a, b) => (b.gapMs > a.gapMs ? b : a), { gapMs: 0 });
  }

  private tick(again = true): void {
    const now = performance.now();
    const times = threadTimes();
    const gapMs = now - this.last;
    if (gapMs > STALL_MS)
      this.stalls.push({
        gapMs,
        cpuMs: cpuMsBetween(this.lastTimes, times),
        waitMs: waitMsBetween(this.lastTimes, times),
      });
    this.last = now;
    this.lastTimes = times;
    if (again) this.timer = setTimeout(() => this.tick(), 1);
  }
}
