/** A transposed convolution's axis under each padding mode (the rules are listed in paddingModes.ts). */
import { kerasTransposedAxis } from './kerasPadding';
import {
  splitTotal,
  transposedCanvas,
  type AxisPadArgs,
  type AxisPads,
  type PaddingMode,
  type PadRule,
  type TransposedAxisArgs,
} from './paddingModes';

const canvasText = (axis: string) => `(${axis}_in − 1)·stride + dilation·(kernel − 1) + 1`;
const canvasNumbers = (a: AxisPadArgs) => `(${a.inSize} − 1)·${a.stride} + ${a.dilation}·(${a.kernel} − 1) + 1`;
const signed = (v: number) => (v < 0 ? `(${v})` : String(v));

function transposedResult(axis: string, a: TransposedAxisArgs, begin: number, end: number, text: PadRule): AxisPads {
  const canvas = transposedCanvas(a);
  const out = canvas - begin - end;
  return {
    axis,
    begin,
    end,
    out,
    ...text,
    formula: `${axis}_out = ${canvasText(axis)} − begin − end`,
    substituted: `${canvasNumbers(a)} − ${signed(begin)} − ${signed(end)} = ${out}`,
    rejected: null,
  };
}

/** One axis of a transposed convolution under `mode` (a = output_padding, 0 when null). */
export function transposedAxisPads(axis: string, a: TransposedAxisArgs, mode: PaddingMode): AxisPads {
  const op = a.outputPadding ?? 0;
  const canvas = transposedCanvas(a);
  switch (mode.kind) {
    case 'torch':
      return transposedResult(axis, a, mode.padding, mode.padding - op, {
        rule: 'PyTorch padding',
        padFormula: 'begin = padding, end = padding − output_padding',
        padSubstituted: `begin = ${mode.padding}, end = ${mode.padding} − ${op} = ${mode.padding - op}`,
      });
    case 'pads':
      return transposedResult(axis, a, mode.begin, mode.end - op, {
        rule: 'ONNX pads',
        padFormula: 'begin = pads_begin, end = pads_end − output_padding',
        padSubstituted: `begin = ${mode.begin}, end = ${mode.end} − ${op} = ${mode.end - op}`,
      });
    case 'autoPad': {
      if (mode.autoPad === 'VALID' || mode.autoPad === 'NOTSET')
        return transposedResult(axis, a, 0, -op, {
          rule: `ONNX auto_pad ${mode.autoPad}`,
          padFormula: 'begin = 0, end = −output_padding',
          padSubstituted: `begin = 0, end = −${op}`,
        });
      const target = a.inSize * a.stride;
      return totalSplit(axis, a, target, mode.autoPad === 'SAME_UPPER', `ONNX auto_pad ${mode.autoPad}`, {
        formula: 'total = C + output_padding − in·stride',
        numbers: `total = ${canvas} + ${op} − ${a.inSize}·${a.stride} = ${canvas + op - target}`,
      });
    }
    case 'outputShape': {
      const atEnd = mode.autoPad === 'SAME_UPPER';
      const result = totalSplit(
        axis,
        a,
        mode.size,
        atEnd,
        `ONNX output_shape${mode.autoPad === 'NOTSET' ? '' : ` (auto_pad ${mode.autoPad})`}`,
        {
          formula: 'total = C + output_padding − output_shape',
          numbers: `total = ${canvas} + ${op} − ${mode.size} = ${canvas + op - mode.size}`,
        },
      );
      const missing = mode.size - (canvas + op);
      const rejected =
        mode.size < 1
          ? `output_shape ${mode.size} is not a size`
          : missing >= a.stride
            ? `output_shape ${mode.size} needs ${missing} rows beyond the canvas and output_padding (${canvas + op}), at most stride − 1 = ${a.stride - 1}`
            : null;
      return { ...result, rejected };
    }
    case 'keras':
      return kerasTransposedAxis(axis, a, mode.padding);
  }
}

/** total = C + a − target split in two (negative: −total rows appended at the end). */
function totalSplit(
  axis: string,
  a: TransposedAxisArgs,
  target: number,
  oddAtEnd: boolean,
  rule: string,
  total: { formula: string; numbers: string },
): AxisPads {
  const op = a.outputPadding ?? 0;
  const t = transposedCanvas(a) + op - target;
  const [padBegin, padEnd] = t >= 0 ? splitTotal(t, oddAtEnd) : [0, t];
  const where = oddAtEnd ? '⌊total/2⌋' : '⌈total/2⌉';
  return transposedResult(axis, a, padBegin, padEnd - op, {
    rule: rule,
    padFormula: `${total.formula}; begin = ${where}, end = total − begin − output_padding${t < 0 ? ' (total < 0: rows appended at the end)' : ''}`,
    padSubstituted: `${total.numbers}; begin = ${padBegin}, end = ${t} − ${padBegin} − ${op} = ${padEnd - op}`,
  });
}
