// Peers: onnxruntime-web (wasm execution provider, CPU) on 1 and 2 threads, running a one-node
// ConvTranspose model built in memory (onnxModel.ts). The mapping from a PyTorch ConvTranspose2d is direct:
// ONNX's weight layout (C_in, C_out / group, kH, kW) is PyTorch's, pads = [pH, pW, pH, pW], and strides,
// dilations, group and output_padding carry over, so every case is supported.
//
// How it runs in Node 20 (onnxruntime-web 1.30):
//  - `onnxruntime-web` resolves to dist/ort.node.min.js, which imports dist/ort-wasm-simd-threaded.mjs and
//    compiles dist/ort-wasm-simd-threaded.wasm (SIMD128 kernels, SIMD is required) from disk, next to it.
//  - With env.wasm.numThreads = n > 1 that .mjs starts n − 1 pthread workers itself: worker_threads workers of
//    its own file (workerData 'em-pthread'). Nothing to configure, no wasmPaths; Node 20 has SharedArrayBuffer
//    and wasm threads, so onnxruntime-web keeps numThreads (it would reset it to 1 with a warning otherwise;
//    describe() reports the value read back).
//  - numThreads is a global of the instance, read once when the runtime initialises, so 1 and 2 threads need
//    two instances: each adapter hosts its own in a worker_threads worker (ort-web-worker.ts).
//  - session.run() is async (its work starts after several awaits) and the runner's call() is synchronous, so a
//    call signals the worker and waits until the run is done (polling, then Atomics.wait: see SPIN_MS). That round
//    trip is part of every timed call; init() measures it with empty commands (bridgeRoundTripUs in the report)
//    and the worker times session.run() itself (sessionRunInWorker): the difference is the bridge.
//  - V8 compiles the hot functions of the 14 MB wasm on background threads for about a second after the first
//    heavy calls. With two instances on two cores that overlapped ort-web-2t's first dcgan samples (2.7 ms instead
//    of 1.4 ms), so init() runs a DCGAN-sized model for a second and every prepare() waits for an idle process.
import * as path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Tensor } from '../../src/engine';
import { is3d, type BenchCase, type CaseInputs } from '../cases';
import { convTransposeModel } from './onnxModel';
import { median } from '../stats';
import {
  Command,
  CONTROL_SLOTS,
  Slot,
  type OrtInfo,
  type OrtWorkerData,
  type Released,
  type Reply,
  type SetupMessage,
} from './ort-web-protocol';
import type { Adapter, CrossCheck, PreparedCall } from './types';

const INIT_TIMEOUT_MS = 300_000;
const CALL_TIMEOUT_MS = 120_000;
/**
 * How long the calling thread polls for the worker's answer before it sleeps on Atomics.wait. Sleeping costs a
 * wake-up, and on this VM waking a thread whose core went idle takes 30–50 µs (measured: tiny's calls took ~70 µs
 * for ~20 µs of session.run), which is the bridge's cost, not onnxruntime's. With 1 thread the other core is free,
 * so the caller polls through every call but big's (round trip then ≈ 2–5 µs). With 2 threads both cores belong to
 * onnxruntime: a polling caller took one from its pool thread (measured with 50 µs of polling: d2l 73 µs a call for
 * 30 µs of session.run, dcgan +0.07 ms), so the caller sleeps at once and tiny / d2l pay the wake-up instead.
 */
const SPIN_MS: Readonly<Record<1 | 2, number>> = { 1: 5, 2: 0 };

/** One onnxruntime-web instance in a worker, driven synchronously. */
class OrtThread {
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_SLOTS));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private nextSession = 1;

  constructor(
    private readonly id: string,
    numThreads: number,
    /** How long request() polls for the answer before sleeping on Atomics.wait (see SPIN_MS). */
    private readonly spinMs: number,
  ) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: OrtWorkerData = { control: this.control.buffer as SharedArrayBuffer, port: port2, numThreads };
    // The worker is TypeScript: load it through tsx's require hook, as ours-threads.ts does.
    const file = path.join(__dirname, 'ort-web-worker.ts');
    this.worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, {
      eval: true,
      workerData: data,
      transferList: [port2],
    });
    this.worker.unref();
  }

  /** Posts the message (if any), then signals the command; returns its job number. */
  private signal(command: Command, session: number, message?: SetupMessage): number {
    if (message) this.port.postMessage(message);
    Atomics.store(this.control, Slot.Command, command);
    Atomics.store(this.control, Slot.Session, session);
    const job = Atomics.add(this.control, Slot.Job, 1) + 1;
    Atomics.notify(this.control, Slot.Job);
    return job;
  }

  /** The reply of the job that just finished (null when the command has none); a reported error is thrown. */
  private reply(): Reply | null {
    if (Atomics.load(this.control, Slot.Replied) === 0) return null;
    const reply = receiveMessageOnPort(this.port)?.message as Reply | undefined;
    if (!reply) throw new Error(`${this.id}: the worker replied but no message is on the port`);
    if ('error' in reply) throw new Error(`${this.id}: ${reply.error}`);
    return reply;
  }

  /** Sends a command (and a message posted before it), blocks until the worker is done, returns its reply. */
  request(command: Command, session = 0, message?: SetupMessage): Reply | null {
    const job = this.signal(command, session, message);
    const spinUntil = performance.now() + this.spinMs;
    while (Atomics.load(this.control, Slot.Done) !== job && performance.now() < spinUntil);
    for (;;) {
      const done = Atomics.load(this.control, Slot.Done);
      if (done === job) break;
      if (Atomics.wait(this.control, Slot.Done, done, CALL_TIMEOUT_MS) === 'timed-out') {
        throw new Error(`${this.id}: the worker did not answer command ${command} within ${CALL_TIMEOUT_MS / 1000} s`);
      }
    }
    return this.reply();
  }

  /**
   * The first command, awaited rather than blocked on: the worker may fail before it serves anything (tsx, a missing
   * package), and its 'error' / 'exit' events only arrive while this thread's event loop runs.
   */
  async start(): Promise<Reply | null> {
    let failure: Error | null = null;
    const onError = (err: Error) => (failure = err);
    const onExit = (code: number) => (failure ??= new Error(`the worker exited (code ${code}) before it answered`));
    this.worker.on('error', onError).on('exit', onExit);
    try {
      const job = this.signal(Command.Init, 0);
      const t0 = performance.now();
      while (Atomics.load(this.control, Slot.Done) !== job) {
        if (failure) throw new Error(`${this.id}: the worker failed: ${(failure as Error).message}`);
        if (performance.now() - t0 > INIT_TIMEOUT_MS)
          throw new Error(`${this.id}: the worker did not initialise within ${INIT_TIMEOUT_MS / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return this.reply();
    } finally {
      this.worker.off('error', onError).off('exit', onExit);
    }
  }

  newSession(): number {
    return this.nextSession++;
  }
}

function shared(data: ArrayLike<number>): Float32Array {
  const view = new Float32Array(new SharedArrayBuffer(4 * data.length));
  view.set(data);
  return view;
}

function float32(t: Tensor): Float32Array {
  if (!(t.data instanceof Float32Array)) throw new Error('ort-web adapters expect the float32 inputs');
  return t.data;
}

/** The weight with each kH×kW kernel rotated by 180°: the negative control (a mapping that must be rejected). */
function flipped(w: Float32Array, kH: number, kW: number): Float32Array {
  const out = new Float32Array(w.length);
  const k = kH * kW;
  for (let base = 0; base < w.length; base += k) {
    for (let i = 0; i < k; i++) out[base + i] = w[base + k - 1 - i];
  }
  return out;
}

/**
 * Waits (up to maxMs) until this process has been idle for one 50 ms window: no thread of it used more than 10% of
 * a core meanwhile. What it waits out: V8 compiling hot functions of onnxruntime's 14 MB wasm on background threads
 * (about a second of CPU after the first heavy calls), and the pool thread of a threaded instance spinning after a run.
 */
async function settle(maxMs = 20_000): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const used = process.cpuUsage(c0);
    const cpuMs = (used.user + used.system) / 1000;
    if (cpuMs < 0.1 * (performance.now() - w0) || performance.now() - t0 > maxMs) return performance.now() - t0;
  }
}

function ortAdapter(numThreads: 1 | 2): Adapter {
  const id = numThreads === 1 ? 'ort-web' : 'ort-web-2t';
  let thread: OrtThread | null = null;
  let info: OrtInfo | null = null;
  let bridgeRoundTripUs = NaN;
  /** Per case: the median session.run() time inside the worker over the timed calls (what the bridge wraps). */
  const inWorker = new Map<string, number>();

  const threadOf = (): OrtThread => {
    if (!thread) throw new Error(`${id}: init() was not called`);
    return thread;
  };

  return {
    id,
    label: `onnxruntime-web InferenceSession.run, one-node ConvTranspose model, wasm EP, ${numThreads === 1 ? '1 thread' : '2 threads (env.wasm.numThreads = 2: its thread + 1 pthread worker)'} (float32)`,
    dtype: 'float32',
    tolerance: 1e-4,
    tier: 'simd128', // ort-wasm-simd-threaded.wasm: MLAS kernels on WebAssembly SIMD
    threads: numThreads,
    timed:
      'signal the worker hosting onnxruntime-web, await session.run({ X }) there (copies X into the wasm heap, ConvTranspose with W ' +
      'as an initializer, so prepacked when the session was created; Y copied out into a new Float32Array, then dropped), and back ' +
      '(this thread polls, then sleeps: see SPIN_MS); includes the bridge round trip (bridgeRoundTripUs)',
    async init() {
      thread = new OrtThread(id, numThreads, SPIN_MS[numThreads]);
      const reply = await thread.start();
      if (!reply || !('info' in reply)) throw new Error(`${id}: Init did not report`);
      info = reply.info;
      if (info.numThreads !== numThreads)
        throw new Error(
          `${id}: asked for env.wasm.numThreads = ${numThreads}, onnxruntime-web runs ${info.numThreads}`,
        );
      // The worker ran a DCGAN-sized model for a second; let V8 finish tiering that code up before anything is timed.
      const settledMs = await settle();
      process.stderr.write(
        `  init  ${id.padEnd(12)} onnxruntime-web ${info.ortVersion}, numThreads ${info.numThreads}; background compilation settled ${(settledMs / 1000).toFixed(1)} s after warm-up\n`,
      );
      // What the synchronous bridge adds to every call: empty round trips, after a few to wake the worker up.
      const t = thread;
      const rounds: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const t0 = performance.now();
        t.request(Command.Ping);
        if (i >= 200) rounds.push(performance.now() - t0);
      }
      bridgeRoundTripUs = Math.round(median(rounds) * 1000 * 10) / 10;
    },
    async describe() {
      if (!info) return {};
      const facts: Record<string, unknown> = {
        ortVersion: info.ortVersion,
        numThreads: info.numThreads,
        bridgeRoundTripUs,
      };
      // The median of session.run() inside the worker per timed case: the runner's median per call minus this is the bridge.
      if (inWorker.size)
        facts.sessionRunInWorker = [...inWorker]
          .map(([name, ms]) => `${name} ${ms < 1 ? `${(ms * 1000).toPrecision(3)} µs` : `${ms.toPrecision(4)} ms`}`)
          .join('; ');
      facts.entry = path.relative(process.cwd(), info.entry);
      return facts;
    },
    unsupported: (c) => (is3d(c) ? 'a 3-D case (this adapter builds 2-D ConvTranspose models only)' : null),
    async prepare(c: BenchCase, inputs: CaseInputs): Promise<PreparedCall> {
      const t = threadOf();
      const [, cOut, hOut, wOut] = inputs.outShape;
      const [kH, kW] = c.kernel;
      const p = inputs.params;
      const x = shared(float32(inputs.f32.x));
      const out = new Float32Array(new SharedArrayBuffer(4 * c.input[0] * cOut * hOut * wOut));
      const wShape = inputs.f32.w.shape as readonly number[];
      const modelOf = (w: Float32Array) =>
        convTransposeModel({
          inputShape: [c.input[0], c.input[1], c.input[2], c.input[3]],
          weight: { shape: [wShape[0], wShape[1], wShape[2], wShape[3]], data: w },
          strides: [p.stride[0], p.stride[1]],
          padding: [p.padding[0], p.padding[1]],
          outputPadding: [p.outputPadding[0], p.outputPadding[1]],
          dilations: [p.dilation[0], p.dilation[1]],
          group: p.groups,
        });
      const open = (model: Uint8Array): number => {
        const session = t.newSession();
        t.request(Command.Setup, session, { session, model, inputShape: [...c.input], x, out });
        return session;
      };
      const release = (session: number): Released => {
        const reply = t.request(Command.Release, session);
        if (!reply || !('openSessions' in reply)) throw new Error(`${id}: Release did not report`);
        return reply;
      };
      const outputOf = (session: number): Tensor => {
        t.request(Command.RunCopy, session);
        return { shape: [c.input[0], cOut, hOut, wOut], data: Float64Array.from(out) };
      };

      const session = open(modelOf(float32(inputs.f32.w)));
      // Start from a quiet process (see settle), e.g. not while the other instance's last calls are still being tiered up.
      await settle();
      const crossChecks: CrossCheck[] = [
        {
          label: 'kernel flipped 180° (negative control)',
          expect: 'disagree',
          output: () => {
            const s = open(modelOf(flipped(float32(inputs.f32.w), kH, kW)));
            try {
              return outputOf(s);
            } finally {
              release(s);
            }
          },
        },
      ];
      return {
        call: () => t.request(Command.Run, session),
        output: () => outputOf(session),
        crossChecks,
        dispose() {
          const { openSessions, runs, runMedianMs } = release(session);
          if (runs > 0) inWorker.set(c.name, runMedianMs);
          if (openSessions !== 0)
            throw new Error(`${id}: ${openSessions} onnxruntime-web session(s) still open after case ${c.name}`);
        },
      };
    },
  };
}

export const ortWeb = ortAdapter(1);
export const ortWeb2t = ortAdapter(2);
