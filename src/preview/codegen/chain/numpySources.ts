/**
 * The chain's tensors as NumPy arrays in PyTorch's layout, the common start of the TensorFlow, ONNX and JAX chain
 * snippets: `x`, and `params["<layer>.weight"]` / `params["<layer>.bias"]` (PyTorch's state_dict keys).
 */
import * as l10n from '@vscode/l10n';
import { product } from '../../numbers';
import { pyNested, pyNumber, pyTuple } from '../pythonText';
import type { ChainModel } from './chainModel';
import type { TensorSource } from './tensorSource';

function sourceText(source: TensorSource, shape: readonly number[]): string {
  const dims = pyTuple(shape);
  switch (source.kind) {
    case 'literal':
      return `np.array(${pyNested(source.tensor)}, dtype=dtype)`;
    case 'full':
      return `np.full(${dims}, ${pyNumber(source.value)}, dtype=dtype)`;
    case 'arange':
      return `(${pyNumber(source.start)} + ${pyNumber(source.step)} * np.arange(${product(shape)})).reshape(${dims}).astype(dtype)`;
    case 'uniform':
      return source.low === 0 && source.high === 1
        ? `rng.random(${dims}).astype(dtype)`
        : `rng.uniform(${pyNumber(source.low)}, ${pyNumber(source.high)}, ${dims}).astype(dtype)`;
    case 'normal':
      return `rng.standard_normal(${dims}).astype(dtype)`;
    case 'torchDefault':
      return `torch_default(${dims}, fan_in=${source.fanIn})`;
    case 'data':
      return `rng.standard_normal(${dims}).astype(dtype)  # ${l10n.t("the spec's data ({0} values) is not written out", source.count)}`;
  }
}

const usesRandom = (s: TensorSource) => s.kind === 'uniform' || s.kind === 'normal' || s.kind === 'data';

/**
 * `dtype`, `rng`, the init helper when used, `x` and the `params` dict. `withShared`: also the round trip's forward
 * kernel, the transposed layer's reshaped (the ONNX graph Reshapes it itself).
 */
export function numpyTensorLines(m: ChainModel, withShared: boolean): string[] {
  const entries: string[] = [];
  const sources: TensorSource[] = [m.input];
  for (const step of m.steps) {
    if (step.weight) {
      entries.push(`    "${step.id}.weight": ${sourceText(step.weight, step.plan.weightShape)},`);
      sources.push(step.weight);
    }
    if (step.bias && step.plan.biasShape) {
      entries.push(`    "${step.id}.bias": ${sourceText(step.bias, step.plan.biasShape)},`);
      sources.push(step.bias);
    }
  }
  const torchDefault = sources.some((s) => s.kind === 'torchDefault');
  const random = torchDefault || sources.some(usesRandom);
  const layout = m.dims === 1 ? '(N, C, L)' : m.dims === 3 ? '(N, C, D, H, W)' : '(N, C, H, W)';
  return [
    `dtype = np.${m.dtype}`,
    ...(random ? ['rng = np.random.default_rng(0)'] : []),
    ...(torchDefault
      ? [
          '',
          '',
          'def torch_default(shape, fan_in):',
          `    """${l10n.t("PyTorch's default Conv/ConvTranspose init: uniform in ±1/√fan_in, fan_in = weight.size(1)·kernel.")}"""`,
          '    bound = 1 / np.sqrt(fan_in)',
          '    return rng.uniform(-bound, bound, shape).astype(dtype)',
          '',
          '',
        ]
      : []),
    `x = ${sourceText(m.input, m.inputShape)}  # ${layout}`,
    `# ${l10n.t("The weights in PyTorch's layout, by their state_dict names")}`,
    ...(entries.length > 0 ? ['params = {', ...entries, '}'] : ['params = {}']),
    ...(withShared
      ? m.steps.flatMap((step) =>
          step.sharesWeightOf
            ? [
                `params["${step.id}.weight"] = params["${step.sharesWeightOf}.weight"].reshape(${pyTuple(step.plan.weightShape)})  # ${l10n.t('the round trip shares the kernel')}`,
              ]
            : [],
        )
      : []),
  ];
}
