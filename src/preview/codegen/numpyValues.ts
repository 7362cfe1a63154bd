/** The layer's tensors as NumPy arrays in PyTorch's layout: the common start of the TensorFlow, ONNX and JAX snippets. */
import type { Tensor } from '../../engine';
import { type CodeLayer } from './codeLayer';
import { kernelAxesText } from '../../specFile/shorthand';
import { pyNested, pyTuple } from './pythonText';
import { numpyAssertLines } from './assertions';

export const npDtype = (layer: CodeLayer) => `np.${layer.dtype}`;

function arrayLine(
  name: string,
  tensor: Tensor | null,
  shape: readonly number[],
  layer: CodeLayer,
  comment: string,
): string {
  const value = tensor
    ? `np.array(${pyNested(tensor)}, dtype=${npDtype(layer)})`
    : `rng.standard_normal(${pyTuple(shape)}).astype(${npDtype(layer)})`;
  return `${name} = ${value}${comment ? `  # ${comment}` : ''}`;
}

export function numpyValueLines(layer: CodeLayer): string[] {
  const plan = layer.plan;
  const random = !layer.input || !layer.weight || (plan.biasShape !== null && !layer.bias);
  const k = kernelAxesText(layer.rank);
  const layout = layer.transposed
    ? `PyTorch layout (in_channels, out_channels // groups, ${k})`
    : `PyTorch layout (out_channels, in_channels // groups, ${k})`;
  return [
    ...(random ? ['rng = np.random.default_rng(0)'] : []),
    arrayLine(
      'x',
      layer.input,
      plan.inputShape,
      layer,
      layer.rank === 1 ? '(N, C, L)' : layer.rank === 3 ? '(N, C, D, H, W)' : '(N, C, H, W)',
    ),
    arrayLine('w', layer.weight, plan.weightShape, layer, layout),
    ...(plan.biasShape ? [arrayLine('b', layer.bias, plan.biasShape, layer, '')] : []),
  ];
}

/** Shape assertion, plus a value assertion against the engine when the output is small. */
export function numpyCheckLines(layer: CodeLayer, y: string): string[] {
  const lines = [`assert ${y}.shape == ${pyTuple(layer.plan.outputShape)}`];
  if (layer.expected) lines.push(...numpyAssertLines(y, pyNested(layer.expected), layer.dtype, layer.approximate));
  return lines;
}
