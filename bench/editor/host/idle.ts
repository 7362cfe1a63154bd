/** The host-block bench's pauses between measured windows: a full garbage collection, and a few turns of the event loop. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full collection (node's gc, exposed at run time so that `node --import tsx` suffices). */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export const nextTurns = (ms: number) => new Promise((r) => setTimeout(r, ms));
