/** MaxPool and AveragePool → a maxPool / avgPool layer (symmetric pads only). */
import * as l10n from '@vscode/l10n';
import { stopAt, type MappedOp, type OpStep } from './opStep';
import { Attributes } from './protoValues';
import { perDim } from './specValues';

export function poolLayer(step: OpStep): MappedOp {
  const { node, dims } = step;
  const a = new Attributes(node);
  const kernel = a.ints('kernel_shape');
  if (!kernel || kernel.length !== dims) return stopAt(l10n.t('no kernel_shape'));
  const autoPad = a.string('auto_pad', 'NOTSET');
  if (autoPad !== 'NOTSET' && autoPad !== 'VALID') return stopAt(l10n.t('auto_pad {0} on a pooling layer', autoPad));
  const zeros = Array<number>(dims).fill(0);
  const pads = autoPad === 'VALID' ? [...zeros, ...zeros] : (a.ints('pads') ?? [...zeros, ...zeros]);
  const begin = pads.slice(0, dims);
  if (begin.some((b, i) => b !== pads[dims + i])) return stopAt(l10n.t('asymmetric pads on a pooling layer'));
  const dilations = a.ints('dilations') ?? Array<number>(dims).fill(1);
  const max = node.opType === 'MaxPool';
  if (!max && dilations.some((d) => d !== 1)) return stopAt(l10n.t('dilations on an average pooling layer'));
  const layer: Record<string, unknown> = { type: max ? 'maxPool' : 'avgPool', kernelSize: perDim(kernel) };
  // ONNX's strides default to 1, PyTorch's (and tconv's) to the kernel size: always written.
  layer.stride = perDim(a.ints('strides') ?? Array<number>(dims).fill(1));
  if (begin.some((b) => b !== 0)) layer.padding = perDim(begin);
  if (max && dilations.some((d) => d !== 1)) layer.dilation = perDim(dilations);
  if (a.int('ceil_mode', 0) === 1) layer.ceilMode = true;
  if (!max && begin.some((b) => b !== 0)) layer.countIncludePad = a.int('count_include_pad', 0) === 1;
  return { layer };
}
