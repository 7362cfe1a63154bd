/**
 * The steps of a 1-D step strip (StepStripPayload), formed when asked: step i is x[i]·w placed at i·stride. Pure
 * arithmetic, shared by the webview (which steps through them) and the tests (which check that the strips of all
 * input channels, cropped and with the bias, are the layer's output).
 */
import type { StepStripPayload } from '../webviewProtocol';

/** Strip cells (0 … canvas − 1) of step i's taps; i counts the steps sent, from 0. */
export function stripTaps(s: StepStripPayload, i: number): number[] {
  const left = (s.firstStep + i) * s.stride - s.canvasStart;
  return s.weights.map((_, a) => left + a * s.dilation);
}

/** Step i's values: x[i] times the kernel row. */
export function stripPatch(s: StepStripPayload, i: number): number[] {
  const x = s.input[i] ?? 0;
  return s.weights.map((w) => x * w);
}

/** The strip after the first `count` steps; null where no tap has landed yet. */
export function stripSum(s: StepStripPayload, count: number): (number | null)[] {
  const sum = new Array<number | null>(s.canvas).fill(null);
  const steps = Math.max(0, Math.min(count, s.input.length));
  for (let i = 0; i < steps; i++) {
    const x = s.input[i];
    const left = (s.firstStep + i) * s.stride - s.canvasStart;
    for (let a = 0; a < s.weights.length; a++) {
      const cell = left + a * s.dilation;
      sum[cell] = (sum[cell] ?? 0) + x * s.weights[a];
    }
  }
  return sum;
}

/** Where a strip cell is: cut by the crop, in the output, or in the output's output_padding tail. */
export function stripRegion(s: StepStripPayload, cell: number): 'crop' | 'output' | 'outputPadding' {
  const g = s.canvasStart + cell;
  if (g < s.cropStart || g >= s.cropStart + s.outputSize) return 'crop';
  return g >= s.cropStart + s.outputSize - s.outputPadding ? 'outputPadding' : 'output';
}
