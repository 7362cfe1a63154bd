// The worker half of the ort-web adapters (see ort-web.ts): hosts one onnxruntime-web instance (its
// env.wasm.numThreads is a global of the instance, hence one worker per thread count), blocks on the shared
// control word between commands, and awaits session.run() when told to. Errors go back as a Reply.
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import * as ort from 'onnxruntime-web';
import { convTransposeModel } from './onnxModel';
import { Command, Slot, type OrtWorkerData, type Reply, type SetupMessage } from './ort-web-protocol';

const { control: controlBuffer, port, numThreads } = workerData as OrtWorkerData;
const control = new Int32Array(controlBuffer);

interface Loaded {
  readonly session: ort.InferenceSession;
  readonly feeds: Record<string, ort.Tensor>;
  readonly out: Float32Array;
  /** Milliseconds of each Run's session.run() as seen in this thread (without the bridge). */
  readonly runMs: number[];
}
const sessions = new Map<number, Loaded>();

const WARM_UP_MS = 1000;

async function load(setup: SetupMessage): Promise<Loaded> {
  const session = await ort.InferenceSession.create(setup.model, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  // An ort.Tensor over the shared input: session.run copies it into the wasm heap on every call.
  return { session, feeds: { X: new ort.Tensor('float32', setup.x, setup.inputShape) }, out: setup.out, runMs: [] };
}

/** d2l's first transposed-convolution example, plus a bias: a smoke test of the runtime and of onnxModel.ts. */
async function smokeTest(): Promise<void> {
  const model = convTransposeModel({
    inputShape: [1, 1, 2, 2],
    weight: { shape: [1, 1, 2, 2], data: Float32Array.of(0, 1, 2, 3) },
    bias: Float32Array.of(10),
    strides: [1, 1],
    padding: [0, 0],
    outputPadding: [0, 0],
    dilations: [1, 1],
    group: 1,
  });
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  try {
    const { Y } = await session.run({ X: new ort.Tensor('float32', Float32Array.of(0, 1, 2, 3), [1, 1, 2, 2]) });
    const got = Array.from(Y.data as Float32Array).join(',');
    const want = [0, 0, 1, 0, 4, 6, 4, 12, 9].map((v) => v + 10).join(',');
    if (Y.dims.join('×') !== '1×1×3×3' || got !== want)
      throw new Error(`ort-web smoke test: got ${Y.dims.join('×')} [${got}], want 1×1×3×3 [${want}]`);
  } finally {
    await session.release();
  }
}

/**
 * Runs a DCGAN-sized ConvTranspose (1×128×16×16 → 64, k4 s2 p1) for `ms`: makes V8 tier the hot wasm functions up
 * (compiled on background threads, which would otherwise compete with the first timed calls; see ort-web.ts).
 */
async function warmUp(ms: number): Promise<number> {
  const [cIn, cOut, size] = [128, 64, 16];
  const model = convTransposeModel({
    inputShape: [1, cIn, size, size],
    weight: { shape: [cIn, cOut, 4, 4], data: Float32Array.from({ length: cIn * cOut * 16 }, (_, i) => Math.sin(i)) },
    strides: [2, 2],
    padding: [1, 1],
    outputPadding: [0, 0],
    dilations: [1, 1],
    group: 1,
  });
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'] });
  const feeds = {
    X: new ort.Tensor(
      'float32',
      Float32Array.from({ length: cIn * size * size }, (_, i) => Math.cos(i)),
      [1, cIn, size, size],
    ),
  };
  let runs = 0;
  try {
    for (const t0 = performance.now(); performance.now() - t0 < ms; runs++) await session.run(feeds);
  } finally {
    await session.release();
  }
  return runs;
}

async function handle(command: number, sessionId: number): Promise<Reply | null> {
  switch (command) {
    case Command.Init: {
      ort.env.wasm.numThreads = numThreads;
      // The first session initialises the runtime: compiles the wasm, starts numThreads − 1 pthread workers.
      await smokeTest();
      await warmUp(WARM_UP_MS);
      return {
        info: {
          ortVersion: ort.env.versions.web ?? 'unknown',
          numThreads: ort.env.wasm.numThreads ?? 0,
          entry: require.resolve('onnxruntime-web'),
        },
      };
    }
    case Command.Ping:
      return null;
    case Command.Setup: {
      // Posted before the command was signalled, so it is already queued on the port.
      const setup = receiveMessageOnPort(port)?.message as SetupMessage | undefined;
      if (!setup) throw new Error('Setup: no message on the port');
      sessions.set(setup.session, await load(setup));
      return null;
    }
    case Command.Run:
    case Command.RunCopy: {
      const loaded = sessions.get(sessionId);
      if (!loaded) throw new Error(`no session ${sessionId}`);
      const t0 = performance.now();
      const { Y } = await loaded.session.run(loaded.feeds);
      if (command === Command.Run) loaded.runMs.push(performance.now() - t0);
      if (command === Command.RunCopy) {
        if (Y.data.length !== loaded.out.length)
          throw new Error(`Y has ${Y.data.length} values (dims ${Y.dims.join('×')}), expected ${loaded.out.length}`);
        loaded.out.set(Y.data as Float32Array);
      }
      return null;
    }
    case Command.Release: {
      const loaded = sessions.get(sessionId);
      sessions.delete(sessionId);
      await loaded?.session.release();
      const runMs = loaded ? [...loaded.runMs].sort((a, b) => a - b) : [];
      return {
        openSessions: sessions.size,
        runs: runMs.length,
        runMedianMs: runMs.length ? runMs[Math.floor(runMs.length / 2)] : NaN,
      };
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

async function serve(): Promise<void> {
  let seen = 0;
  for (;;) {
    // Blocks this thread (not the pthread workers) until the next command; awaits below run the event loop.
    Atomics.wait(control, Slot.Job, seen);
    seen = Atomics.load(control, Slot.Job);
    let reply: Reply | null;
    try {
      reply = await handle(Atomics.load(control, Slot.Command), Atomics.load(control, Slot.Session));
    } catch (err) {
      reply = { error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    if (reply) port.postMessage(reply);
    Atomics.store(control, Slot.Replied, reply ? 1 : 0);
    Atomics.store(control, Slot.Done, seen);
    Atomics.notify(control, Slot.Done);
  }
}

void serve();
