// Shared between ours-threads.ts and its worker: the control words and the per-case setup message.
import type { ConvDims } from '../../src/engine/fast';

/** Int32 slots of the control SharedArrayBuffer. */
export const Slot = {
  /** Incremented by the main thread for every command. */
  Job: 0,
  /** Set by the worker to the Job number it finished. */
  Done: 1,
  Command: 2,
} as const;

export const Command = {
  Compute: 1,
  /** Read the next WorkerCase from the port. */
  Setup: 2,
  Exit: 3,
} as const;
export type Command = (typeof Command)[keyof typeof Command];

export interface WorkerCase {
  /** Views of SharedArrayBuffers: the same memory on both threads. */
  readonly x: Float32Array;
  readonly w: Float32Array;
  readonly out: Float32Array;
  readonly dims: ConvDims;
  /** The worker's output channels [start, end) (within each group). */
  readonly channels: readonly [number, number];
}
