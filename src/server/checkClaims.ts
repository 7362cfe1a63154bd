/**
 * How the threads of one verification run share its checks: a table in shared memory with one cell per check, and
 * a thread takes a check by setting its cell (Atomics.compareExchange), so each check runs exactly once and a
 * thread that is free takes the next one it finds. The threads walk the checks from opposite ends of one order:
 * the first from its start, the second from its end (a third as the first, a fourth as the second…). Larger layers
 * come first from either end, so the checks where the threads meet are small ones: neither waits long for the
 * other at the end.
 *
 * Which checks a thread runs together decides what it computes twice. The checks of one layer share its values
 * (matrix and adjoint its seeded X and conv(X); adjoint, transpose and gradient its convTranspose(Y):
 * engine/verify/layer.ts `shared`), computed once per thread that needs them; the checks of one kind share their
 * code, which V8 compiles once per thread that runs it. On small layers compiling is most of a fresh thread's time:
 * the order then goes kind by kind (every layer's matrix, then every layer's adjoint…, the kinds that share values
 * next to each other), so each kind mostly runs on one thread. From LARGE_RUN_MACS up the shared values cost more
 * (each is a pass of the engine over the layer): the order then goes layer by layer, so each layer's checks mostly
 * run on one thread. Below SMALL_RUN_MACS a second thread would mostly compile the checks again: the run takes one
 * thread, which runs the checks in the spec's order.
 */
import { numel, type VerificationName } from '../engine';
import type { VerificationInput } from '../specFile/verificationInput';

/** Each layer's multiply-adds: how long its value checks take, roughly (none for a layer without values). */
export function layerMacs(input: VerificationInput): number[] {
  return input.layers.map(({ layer, notComputed }) =>
    notComputed ? 0 : numel(layer.input.shape) * numel(layer.weight.shape.slice(1)),
  );
}

/**
 * Multiply-adds of all the layers (one pass of the engine over each) from which a run goes layer by layer: 2³⁰, about
 * 70 ms of the fast path, what compiling the checks' code once more costs. The bundled DCGAN example has 10⁸, the
 * same generator at batch 64 6.7·10⁹.
 */
export const LARGE_RUN_MACS = 2 ** 30;

/**
 * Multiply-adds of all the layers below which a run takes one thread: 2²⁰, where the engine's fast path starts, so
 * every check runs on the exact path on small tensors (the d2l examples, milliseconds of work each).
 */
export const SMALL_RUN_MACS = 2 ** 20;

/** Kind by kind, the kinds that share a layer's values next to each other. */
const KINDS: readonly VerificationName[] = [
  'matrix',
  'adjoint',
  'transpose',
  'gradient',
  'scatter',
  'reconstruction',
  'roundTrip',
  'cost',
];

const total = (macs: readonly number[]) => macs.reduce((a, b) => a + b, 0);

/** How many of `threads` a run whose layers take `layerMacs` multiply-adds each uses. */
export function threadsFor(layerMacs: readonly number[], threads: number): number {
  return total(layerMacs) < SMALL_RUN_MACS ? 1 : threads;
}

/** The run's table: one cell per check, all free. */
export function claimTable(checks: number): SharedArrayBuffer {
  return new SharedArrayBuffer(4 * Math.max(1, checks));
}

/** `items` largest first from either end: the largest first, the second largest last, the smallest in the middle. */
function fromBothEnds<T>(items: readonly T[], size: (item: T) => number): T[] {
  const sorted = [...items].sort((a, b) => size(b) - size(a));
  const front = sorted.filter((_, i) => i % 2 === 0);
  const back = sorted.filter((_, i) => i % 2 === 1).reverse();
  return [...front, ...back];
}

/**
 * The order in which thread `thread` (0-based) of the run's `threads` looks for a free check of a run whose layers
 * take `layerMacs` multiply-adds each (0 for a layer without values), with the checks `names` each (check i is
 * names[i % names.length] of layer ⌊i / names.length⌋, as verifySpec numbers them).
 */
export function claimOrder(
  layerMacs: readonly number[],
  names: readonly VerificationName[],
  thread: number,
  threads: number,
): number[] {
  const layers = layerMacs.map((_, layer) => layer);
  const check = (layer: number, at: number) => layer * names.length + at;
  if (threads === 1) return layers.flatMap((layer) => names.map((_, at) => check(layer, at)));
  let order: number[];
  if (total(layerMacs) >= LARGE_RUN_MACS) {
    order = fromBothEnds(layers, (layer) => layerMacs[layer]).flatMap((layer) =>
      names.map((_, at) => check(layer, at)),
    );
  } else {
    const kinds = [...new Set(names)].sort((a, b) => KINDS.indexOf(a) - KINDS.indexOf(b));
    const largestFirst = [...layers].sort((a, b) => layerMacs[b] - layerMacs[a] || a - b);
    order = kinds.flatMap((kind, k) =>
      // The first half of the kinds is taken from the front, the second half from the back (read backwards).
      (k < kinds.length / 2 ? largestFirst : [...largestFirst].reverse()).flatMap((layer) =>
        names.flatMap((name, at) => (name === kind ? [check(layer, at)] : [])),
      ),
    );
  }
  return thread % 2 === 0 ? order : order.reverse();
}

/** Hands out the free checks in `order`, taking each as it goes; undefined when none is left. */
export function claimer(table: SharedArrayBuffer, order: readonly number[]): () => number | undefined {
  const cells = new Int32Array(table);
  let at = 0;
  return () => {
    while (at < order.length) {
      const index = order[at++];
      if (index < cells.length && Atomics.compareExchange(cells, index, 0, 1) === 0) return index;
    }
    return undefined;
  };
}
