/**
 * One spec's run in the host-block bench: every synchronous client step timed (wall time and the main thread's
 * CPU time), every message received kept so that parsing it can be timed after the spec, and every failed or
 * unanswered request noted.
 */
import { performance } from 'node:perf_hooks';
import { deserialize, serialize } from 'node:v8';
import type { Serialization } from '../lsp/serverProcess';
import { cpuMsBetween, threadTimes } from './threadTimes';

export interface StepTime {
  readonly step: string;
  /** Wall time. */
  readonly ms: number;
  /** The main thread's CPU time in the step (Linux). */
  readonly cpuMs?: number;
  /** When it started (performance.now()), to find the garbage collections inside it. */
  readonly start: number;
  /** Garbage-collection pauses inside the step (ms). */
  gcMs?: number;
  /** What the step moved: characters sent, or the received message's characters of JSON (bytes with 'advanced'). */
  readonly size?: number;
}

/** A request or notification the server did not answer in this time counts as failed (it is still running). */
const ANSWER_TIMEOUT_MS = 60_000;

export function answered<T>(pending: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: no answer in ${ANSWER_TIMEOUT_MS / 1000} s`)),
      ANSWER_TIMEOUT_MS,
    );
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}

export class CaseRun {
  readonly steps: StepTime[] = [];
  readonly errors: string[] = [];
  private readonly received: { step: string; message: unknown }[] = [];

  /** A synchronous client step, timed; `size` tells what it moved. */
  sync<T>(step: string, run: () => T, size?: (result: T) => number): T {
    const before = threadTimes();
    const start = performance.now();
    const result = run();
    const ms = performance.now() - start;
    this.steps.push({ step, ms, cpuMs: cpuMsBetween(before, threadTimes()), start, size: size?.(result) });
    return result;
  }

  /** A message from the server, kept for `timeReceives`. */
  receive(step: string, message: unknown): void {
    this.received.push({ step: `${step}: receive`, message });
  }

  /** A request: sending it (serialising and writing the message) is a step; its answer, or undefined if it failed. */
  async request<T>(step: string, send: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await answered(this.sync(`${step}: send`, send), step);
      this.receive(step, result);
      return result;
    } catch (e) {
      this.fail(step, e);
      return undefined;
    }
  }

  fail(step: string, e: unknown): void {
    this.errors.push(`${step}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }

  /**
   * After the spec, outside its measured window: how long decoding each received message takes (the channel's
   * JSON.parse, or v8.deserialize with 'advanced', which ran on the main thread before the message reached a
   * listener), as "<step>: receive" rows.
   */
  timeReceives(serialization: Serialization): void {
    for (const { step, message } of this.received.splice(0)) {
      const encoded = serialization === 'json' ? (JSON.stringify(message) ?? 'null') : serialize(message);
      const before = threadTimes();
      const start = performance.now();
      if (typeof encoded === 'string') JSON.parse(encoded);
      else deserialize(encoded);
      this.steps.push({
        step,
        ms: performance.now() - start,
        cpuMs: cpuMsBetween(before, threadTimes()),
        start,
        size: encoded.length,
      });
    }
  }
}
