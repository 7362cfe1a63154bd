// One spatial axis of a transposed convolution, for property tests: sizes within the given maxima, and an
// output_padding PyTorch allows (< max(stride, dilation), so ≥ stride happens when dilation > stride).
import fc from 'fast-check';

export interface AxisMaxima {
  readonly inSize: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly outputPadding: number;
}

export function axisArbitrary(max: AxisMaxima) {
  return fc
    .record({
      inSize: fc.integer({ min: 1, max: max.inSize }),
      kernel: fc.integer({ min: 1, max: max.kernel }),
      stride: fc.integer({ min: 1, max: max.stride }),
      padding: fc.integer({ min: 0, max: max.padding }),
      dilation: fc.integer({ min: 1, max: max.dilation }),
      op: fc.nat({ max: max.outputPadding }),
    })
    .map(({ op, ...a }) => ({ ...a, outputPadding: op % Math.max(a.stride, a.dilation) }));
}
