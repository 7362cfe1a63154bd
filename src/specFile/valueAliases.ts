/**
 * Other frameworks' names for the values a spec takes, which no spelling distance finds ("deconv" is two edits from
 * "conv", the wrong layer): a layer type, an init or a dtype as PyTorch, Keras or NumPy call it.
 */
const ALIASES: Readonly<Record<string, string>> = {
  deconv: 'convTranspose',
  deconvolution: 'convTranspose',
  deconv2d: 'convTranspose',
  transposedconv: 'convTranspose',
  upconv: 'convTranspose',
  interpolate: 'upsample',
  cat: 'concat',
  sum: 'add',
  residual: 'add',
  normal: 'randn',
  gaussian: 'randn',
  uniform: 'random',
  rand: 'random',
  constant: 'fill',
  full: 'fill',
  double: 'float64',
  fp64: 'float64',
  f64: 'float64',
  single: 'float32',
  fp32: 'float32',
  f32: 'float32',
};

/** The allowed value another framework's name stands for, when it is one of `allowed`. */
export function aliasOf(name: string, allowed: readonly string[]): string | undefined {
  const meant = ALIASES[name.toLowerCase().replace(/[\s_-]/g, '')];
  return meant !== undefined && allowed.includes(meant) ? meant : undefined;
}
