/**
 * Which depth slices of a 3-D layer's input and kernel go with output slice `depth` (the preview's depth slider).
 * A 3-D layer is a sum of 2-D layers over depth: a transposed layer adds convTranspose2d(x[id], w[kd]) into output
 * slice od = id·stride − padding + kd·dilation; a convolution reads input slice id = od·stride − padding + kd·dilation.
 * The slices shown are the first (id, kd) pair in kernel order; an output slice no input reaches (output_padding,
 * or gaps left by dilation) shows input and kernel slice min(depth, D − 1). No imports: the webview uses it too.
 */
export interface DepthSlices {
  readonly input: number;
  readonly kernel: number;
  readonly output: number;
}

export interface DepthAxis {
  readonly transposed: boolean;
  /** Depth of the input, the kernel and the output. */
  readonly input: number;
  readonly kernel: number;
  readonly output: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
}

export function depthSlices(axis: DepthAxis, depth: number): DepthSlices {
  const clamp = (v: number, n: number) => Math.max(0, Math.min(v, n - 1));
  const output = clamp(depth, axis.output);
  for (let kd = 0; kd < axis.kernel; kd++) {
    if (axis.transposed) {
      const t = output + axis.padding - kd * axis.dilation;
      if (t >= 0 && t % axis.stride === 0 && t / axis.stride < axis.input)
        return { input: t / axis.stride, kernel: kd, output };
    } else {
      const id = output * axis.stride - axis.padding + kd * axis.dilation;
      if (id >= 0 && id < axis.input) return { input: id, kernel: kd, output };
    }
  }
  return { input: clamp(depth, axis.input), kernel: clamp(depth, axis.kernel), output };
}
