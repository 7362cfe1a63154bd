// The worker half of ours-fast-2t (see ours-threads.ts): blocks on the shared control word, computes its
// channel range of the current case into the shared output when told to, and says when it is done.
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { convTransposeFast, type ConvDims } from '../../src/engine/fast';
import { Command, Slot, type WorkerCase } from './ours-threads-protocol';

const control = new Int32Array(workerData.control as SharedArrayBuffer);
let current: WorkerCase | null = null;
let seen = 0;

for (;;) {
  Atomics.wait(control, Slot.Job, seen);
  seen = Atomics.load(control, Slot.Job);
  const command = Atomics.load(control, Slot.Command);
  if (command === Command.Exit) break;
  if (command === Command.Setup) {
    // Posted before the command was signalled, so it is already queued on the port.
    const received = parentPort ? receiveMessageOnPort(parentPort) : undefined;
    current = (received?.message as WorkerCase | undefined) ?? null;
  } else if (current) {
    const { x, w, out, dims, channels } = current;
    convTransposeFast(x, w, null, dims as ConvDims, out, { channels });
  }
  Atomics.store(control, Slot.Done, seen);
  Atomics.notify(control, Slot.Done);
}
