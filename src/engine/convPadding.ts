/** A forward convolution's axis under each padding mode (the rules are listed in paddingModes.ts). */
import { splitTotal, type AxisPadArgs, type AxisPads, type PaddingMode, type PadRule } from './paddingModes';
import { effectiveKernel } from './shape';

/** One axis of a forward convolution under `mode` (the input gets `begin` zeros before it and `end` after). */
export function convAxisPads(axis: string, a: AxisPadArgs, mode: PaddingMode): AxisPads {
  const k = effectiveKernel(a.kernel, a.dilation);
  const result = (begin: number, end: number, text: PadRule): AxisPads => {
    const out = Math.floor((a.inSize + begin + end - k) / a.stride) + 1;
    return {
      axis,
      begin,
      end,
      out,
      ...text,
      formula: `${axis}_out = ⌊(${axis}_in + begin + end − dilation·(kernel − 1) − 1) / stride⌋ + 1`,
      substituted: `⌊(${a.inSize} + ${begin} + ${end} − ${a.dilation}·(${a.kernel} − 1) − 1) / ${a.stride}⌋ + 1 = ${out}`,
      rejected: null,
    };
  };
  const same = (oddAtEnd: boolean, rule: string) => {
    const out = Math.ceil(a.inSize / a.stride);
    const total = Math.max((out - 1) * a.stride + k - a.inSize, 0);
    const [b, e] = splitTotal(total, oddAtEnd);
    return result(b, e, {
      rule,
      padFormula: `out = ⌈in/stride⌉; total = max((out − 1)·stride + k − in, 0); begin = ${oddAtEnd ? '⌊total/2⌋' : '⌈total/2⌉'}, end = total − begin`,
      padSubstituted: `out = ⌈${a.inSize}/${a.stride}⌉ = ${out}; total = max((${out} − 1)·${a.stride} + ${k} − ${a.inSize}, 0) = ${total}; begin = ${b}, end = ${e}`,
    });
  };
  switch (mode.kind) {
    case 'torch':
      return result(mode.padding, mode.padding, {
        rule: 'PyTorch padding',
        padFormula: 'begin = end = padding',
        padSubstituted: `begin = end = ${mode.padding}`,
      });
    case 'pads':
      return result(mode.begin, mode.end, {
        rule: 'ONNX pads',
        padFormula: 'begin = pads_begin, end = pads_end',
        padSubstituted: `begin = ${mode.begin}, end = ${mode.end}`,
      });
    case 'outputShape':
    case 'autoPad': {
      const autoPad = mode.autoPad;
      if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER')
        return same(autoPad === 'SAME_UPPER', `ONNX auto_pad ${autoPad}`);
      return result(0, 0, {
        rule: `ONNX auto_pad ${autoPad}`,
        padFormula: 'begin = end = 0',
        padSubstituted: 'begin = end = 0',
      });
    }
    case 'keras':
      return mode.padding === 'same'
        ? same(true, 'Keras padding="same"')
        : result(0, 0, {
            rule: 'Keras padding="valid"',
            padFormula: 'begin = end = 0',
            padSubstituted: 'begin = end = 0',
          });
  }
}
