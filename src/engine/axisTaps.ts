/** One spatial axis of a transposed layer: its input and output sizes and the hyperparameters along it. */
export interface TapAxis {
  readonly inSize: number;
  readonly outSize: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
}

/**
 * How many kernel taps reach output position o along the axis: output o receives tap k from input
 * i = (o + padding − k·dilation) / stride when that is an integer in [0, in).
 */
function tapsAt(a: TapAxis, o: number): number {
  let taps = 0;
  for (let k = 0; k < a.kernel; k++) {
    const reach = o + a.padding - k * a.dilation;
    if (reach >= 0 && reach % a.stride === 0 && reach / a.stride < a.inSize) taps++;
  }
  return taps;
}

/** How many kernel taps reach each output position along the axis. */
export function tapsPerOutput(a: TapAxis): number[] {
  return Array.from({ length: a.outSize }, (_, o) => tapsAt(a, o));
}

/** The taps of every output position along the axis, summed without an array per position. */
export function totalTapsByOutput(a: TapAxis): number {
  let total = 0;
  for (let o = 0; o < a.outSize; o++) total += tapsAt(a, o);
  return total;
}
