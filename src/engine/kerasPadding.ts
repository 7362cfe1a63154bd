/** Keras / TensorFlow "same" and "valid" on a transposed convolution's axis (see paddingModes.ts). */
import { transposedCanvas, type AxisPads, type KerasPaddingName, type TransposedAxisArgs } from './paddingModes';
import { effectiveKernel } from './shape';

/** Keras' deconv_output_length: the output length Conv{1,2}DTranspose asks TensorFlow for. */
export function kerasTransposedLength(a: TransposedAxisArgs, padding: KerasPaddingName): number {
  const k = effectiveKernel(a.kernel, a.dilation);
  if (a.outputPadding === null)
    return padding === 'valid' ? a.inSize * a.stride + Math.max(k - a.stride, 0) : a.inSize * a.stride;
  const pad = padding === 'same' ? Math.floor(k / 2) : 0;
  return (a.inSize - 1) * a.stride + k - 2 * pad + a.outputPadding;
}

/**
 * Keras / TensorFlow: out = deconv_output_length(...), then tf.nn.conv_transpose pads as the forward convolution of
 * an `out`-long input would (SAME: total = max(C − out, 0), ⌊total/2⌋ at the start; VALID: none) and refuses an
 * `out` that convolution would not map back to `in`.
 */
export function kerasTransposedAxis(axis: string, a: TransposedAxisArgs, padding: KerasPaddingName): AxisPads {
  const canvas = transposedCanvas(a);
  const k = effectiveKernel(a.kernel, a.dilation);
  const out = kerasTransposedLength(a, padding);
  const total = padding === 'same' ? Math.max(canvas - out, 0) : 0;
  const begin = Math.floor(total / 2);
  const end = canvas - begin - out;
  const forwardOut = padding === 'same' ? Math.ceil(out / a.stride) : Math.ceil((out - k + 1) / a.stride);
  let rejected: string | null = null;
  if (a.outputPadding !== null && a.outputPadding >= a.stride)
    rejected = `Keras requires output_padding < stride (got output_padding ${a.outputPadding}, stride ${a.stride})`;
  else if (forwardOut !== a.inSize)
    rejected = `TensorFlow refuses the ${out}-long output: a ${padding.toUpperCase()} convolution of it has ${forwardOut} positions, not ${a.inSize} (conv_transpose: "Size of out_backprop doesn't match computed")`;
  const length =
    a.outputPadding === null
      ? padding === 'valid'
        ? {
            formula: `${axis}_out = ${axis}_in·stride + max(k − stride, 0)`,
            numbers: `${a.inSize}·${a.stride} + max(${k} − ${a.stride}, 0) = ${out}`,
          }
        : { formula: `${axis}_out = ${axis}_in·stride`, numbers: `${a.inSize}·${a.stride} = ${out}` }
      : {
          formula: `${axis}_out = (${axis}_in − 1)·stride + k − 2·${padding === 'same' ? '⌊k/2⌋' : '0'} + output_padding`,
          numbers: `(${a.inSize} − 1)·${a.stride} + ${k} − 2·${padding === 'same' ? Math.floor(k / 2) : 0} + ${a.outputPadding} = ${out}`,
        };
  return {
    axis,
    begin,
    end,
    out,
    rule: `Keras padding="${padding}"${a.outputPadding === null ? '' : ' with output_padding'}`,
    padFormula:
      padding === 'same'
        ? 'total = max(C − out, 0); begin = ⌊total/2⌋ (TensorFlow puts the odd row at the end), end = C − begin − out'
        : 'begin = 0, end = C − out',
    padSubstituted:
      padding === 'same'
        ? `total = max(${canvas} − ${out}, 0) = ${total}; begin = ${begin}, end = ${canvas} − ${begin} − ${out} = ${end}`
        : `begin = 0, end = ${canvas} − ${out} = ${end}`,
    formula:
      a.outputPadding === null && padding === 'same'
        ? `${length.formula}   (keras' deconv_output_length)`
        : `${length.formula}   (k = dilation·(kernel − 1) + 1, keras' deconv_output_length)`,
    substituted: length.numbers,
    rejected,
  };
}
