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
 * How many kernel taps reach each output position along the axis: output o receives tap k from input
 * i = (o + padding − k·dilation) / stride when that is an integer in [0, in).
 */
export function tapsPerOutput(a: TapAxis): number[] {
  const counts = new Array<number>(a.outSize).fill(0);
  for (let o = 0; o < a.outSize; o++) {
    for (let k = 0; k < a.kernel; k++) {
      const reach = o + a.padding - k * a.dilation;
      if (reach >= 0 && reach % a.stride === 0 && reach / a.stride < a.inSize) counts[o]++;
    }
  }
  return counts;
}
