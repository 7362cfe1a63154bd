// ours-fast-2t: the fast path on two threads, the way a host could split it — the engine stays synchronous
// and pure; convTransposeFast computes a range of output channels, so the main thread does one half and a
// worker_threads worker the other, into one output in a SharedArrayBuffer. The worker waits on Atomics (no
// event-loop hop per call); the main thread waits for it after finishing its own half. Node-only (bench).
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { convTransposeFast, fastKernelAvailable, quickDims } from '../../src/engine/fast';
import { is3d, type BenchCase, type CaseInputs } from '../cases';
import { Command, Slot, type WorkerCase } from './ours-threads-protocol';
import type { Adapter, PreparedCall } from './types';

let worker: Worker | null = null;
const control = new Int32Array(new SharedArrayBuffer(4 * 4));

/** Signals a command to the worker; returns its Job number. */
function signal(command: Command): number {
  Atomics.store(control, Slot.Command, command);
  const job = Atomics.add(control, Slot.Job, 1) + 1;
  Atomics.notify(control, Slot.Job);
  return job;
}

function waitFor(job: number): void {
  for (;;) {
    const done = Atomics.load(control, Slot.Done);
    if (done === job) return;
    if (Atomics.wait(control, Slot.Done, done, 60_000) === 'timed-out')
      throw new Error('ours-fast-2t: the worker did not answer within 60 s');
  }
}

function shared(data: ArrayLike<number>): Float32Array {
  const view = new Float32Array(new SharedArrayBuffer(4 * data.length));
  view.set(data);
  return view;
}

export const oursFast2t: Adapter = {
  id: 'ours-fast-2t',
  label:
    'tconv fast path, WebAssembly SIMD kernel, 2 threads (main + 1 worker_threads worker, channels split in half; float32)',
  dtype: 'float32',
  tolerance: 1e-4,
  tier: 'simd128',
  threads: 2,
  timed:
    'signal the worker, convTransposeFast on channels [0, C/2) here and [C/2, C) there into one shared output, wait for the worker',
  async init() {
    if (!fastKernelAvailable('wasm')) throw new Error('ours-fast-2t: WebAssembly SIMD is unavailable');
    // The worker is TypeScript: load it through tsx's require hook, as mocha does.
    const file = path.join(__dirname, 'ours-threads-worker.ts');
    worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, {
      eval: true,
      workerData: { control: control.buffer },
    });
    worker.unref();
  },
  async describe() {
    return { threads: 2, split: 'output channels' };
  },
  unsupported: (c) => (is3d(c) ? 'a 3-D case (the threaded adapter splits the 2-D fast kernel only)' : null),
  async prepare(_c: BenchCase, inputs: CaseInputs): Promise<PreparedCall> {
    if (!worker) throw new Error('ours-fast-2t: init() was not called');
    const p = inputs.params;
    const x = shared(inputs.f32.x.data);
    const w = shared(inputs.f32.w.data);
    const dims = quickDims(
      inputs.f32.x.shape,
      inputs.f32.w.shape,
      null,
      { stride: p.stride, padding: p.padding, outputPadding: p.outputPadding, dilation: p.dilation, groups: p.groups },
      2,
    );
    if (!dims) throw new Error('ours-fast-2t: not a valid call');
    const out = new Float32Array(new SharedArrayBuffer(4 * dims.batch * dims.cOut * dims.hOut * dims.wOut));
    // Halves on a 4-channel boundary (the kernel's register tile).
    const half = Math.min(dims.cOutPerGroup, 4 * Math.ceil(dims.cOutPerGroup / 8));
    const setup: WorkerCase = { x, w, out, dims, channels: [half, dims.cOutPerGroup] };
    worker.postMessage(setup);
    waitFor(signal(Command.Setup));
    const call = () => {
      const job = signal(Command.Compute);
      convTransposeFast(x, w, null, dims, out, { channels: [0, half] });
      waitFor(job);
      return out;
    };
    return {
      call,
      output: () => ({ shape: [dims.batch, dims.cOut, dims.hOut, dims.wOut], data: Float32Array.from(call()) }),
      dispose: () => undefined,
    };
  },
};
