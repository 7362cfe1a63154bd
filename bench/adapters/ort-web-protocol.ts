// Shared between ort-web.ts and its worker (ort-web-worker.ts): the control words, the commands and the
// messages. Why a worker at all: the runner's call() is synchronous, session.run() is async and does its work
// after several awaits, so it has to finish on another thread while this one blocks on Atomics.wait.
import type { MessagePort } from 'node:worker_threads';

/** Int32 slots of the control SharedArrayBuffer. */
export const Slot = {
  /** Incremented by the main thread for every command. */
  Job: 0,
  /** Set by the worker to the Job number it finished. */
  Done: 1,
  Command: 2,
  /** The session a Run / RunCopy / Release command is about. */
  Session: 3,
  /** Set by the worker with Done: 1 when it posted a Reply on the port (an error or data), else 0. */
  Replied: 4,
} as const;
export const CONTROL_SLOTS = 5;

export const Command = {
  /** Load onnxruntime-web with env.wasm.numThreads from workerData; replies OrtInfo. */
  Init: 1,
  /** Nothing: a round trip, to measure what the bridge adds to every call. */
  Ping: 2,
  /** Read a SetupMessage from the port and create its session. */
  Setup: 3,
  /** session.run({ X }) of the session in Slot.Session; the result is dropped. */
  Run: 4,
  /** The same, then Y is copied into the session's shared output. */
  RunCopy: 5,
  /** session.release() of the session in Slot.Session; replies a Released. */
  Release: 6,
} as const;
export type Command = (typeof Command)[keyof typeof Command];

export interface OrtWorkerData {
  readonly control: SharedArrayBuffer;
  /** The worker's end of a MessageChannel: setup messages in, replies out (both read synchronously). */
  readonly port: MessagePort;
  /** ort.env.wasm.numThreads for this worker's onnxruntime-web instance (a global of the instance). */
  readonly numThreads: number;
}

export interface SetupMessage {
  readonly session: number;
  /** ModelProto bytes of Y = ConvTranspose(X, W) (onnxModel.ts). */
  readonly model: Uint8Array;
  readonly inputShape: readonly number[];
  /** Views of SharedArrayBuffers: the input, filled once, and the output that RunCopy fills. */
  readonly x: Float32Array;
  readonly out: Float32Array;
}

/** What Init reports about the instance. */
export interface OrtInfo {
  readonly ortVersion: string;
  /** ort.env.wasm.numThreads read back after initialisation: onnxruntime-web resets it to 1 where wasm threads do not work. */
  readonly numThreads: number;
  /** The module file onnxruntime-web resolved to in this worker. */
  readonly entry: string;
}

export interface Released {
  /** Sessions still open in the worker (0 after a case: nothing leaked). */
  readonly openSessions: number;
  /** Run commands the released session served, and the median time of their session.run() inside the worker. */
  readonly runs: number;
  readonly runMedianMs: number;
}

export type Reply = { readonly error: string } | { readonly info: OrtInfo } | Released;
