/** ONNX: a ConvTranspose (or Conv) node with the layer's attributes, run by ONNX's reference evaluator. */
import * as l10n from '@vscode/l10n';
import type { CodeSnippet } from '../../webviewProtocol';
import { type CodeLayer, shapeLine } from './codeLayer';
import { numpyCheckLines, numpyValueLines } from './numpyValues';
import { pyList, pyString } from './pythonText';

function nodeLines(layer: CodeLayer): string[] {
  const p = layer.plan.params;
  const inputs = ['"x"', '"w"', ...(layer.plan.biasShape ? ['"b"'] : [])];
  const attributes: [string, string?][] = [
    [`kernel_shape=${pyList(layer.kernel)}`],
    [`strides=${pyList(p.stride)}`],
    [`pads=${pyList([...p.padding, ...p.padding])}`, 'every begin, then every end'],
    ...(layer.transposed ? [[`output_padding=${pyList(p.outputPadding)}`] as [string]] : []),
    [`dilations=${pyList(p.dilation)}`],
    [`group=${p.groups}`],
  ];
  return [
    'node = helper.make_node(',
    `    "${layer.transposed ? 'ConvTranspose' : 'Conv'}",`,
    `    inputs=[${inputs.join(', ')}],`,
    '    outputs=["y"],',
    ...attributes.map(([a, comment]) => `    ${a},${comment ? `  # ${comment}` : ''}`),
    ')',
  ];
}

function graphLines(layer: CodeLayer): string[] {
  const plan = layer.plan;
  const info = (name: string, shape: readonly number[]) =>
    `helper.make_tensor_value_info("${name}", elem, ${pyList(shape)})`;
  const inputs = [
    info('x', plan.inputShape),
    info('w', plan.weightShape),
    ...(plan.biasShape ? [info('b', plan.biasShape)] : []),
  ];
  const feeds = ['"x": x', '"w": w', ...(plan.biasShape ? ['"b": b'] : [])];
  return [
    `elem = TensorProto.${layer.dtype === 'float32' ? 'FLOAT' : 'DOUBLE'}`,
    'graph = helper.make_graph(',
    '    [node],',
    `    ${pyString(layer.plan.name)},`,
    `    [${inputs.join(', ')}],`,
    `    [${info('y', plan.outputShape)}],`,
    ')',
    'model = helper.make_model(graph)',
    'onnx.checker.check_model(model)',
    `(y,) = ReferenceEvaluator(model).run(None, {${feeds.join(', ')}})`,
  ];
}

export function onnxSnippet(layer: CodeLayer): CodeSnippet {
  const code = [
    'import numpy as np',
    'import onnx',
    'from onnx import TensorProto, helper',
    'from onnx.reference import ReferenceEvaluator',
    '',
    `# ${layer.label}: ${shapeLine(layer)}`,
    ...numpyValueLines(layer),
    ...nodeLines(layer),
    ...graphLines(layer),
    ...numpyCheckLines(layer, 'y'),
  ].join('\n');
  const notes = [
    l10n.t(
      "ONNX {0} takes the weight in PyTorch's layout, so w needs no conversion.",
      layer.transposed ? 'ConvTranspose' : 'Conv',
    ),
    l10n.t(
      "pads lists every dimension's begin, then every end; PyTorch's symmetric padding p becomes [p_H, p_W, p_H, p_W].",
    ),
    ...(layer.transposed
      ? [l10n.t('auto_pad stays NOTSET and output_shape unset: an output_shape attribute would override pads.')]
      : []),
  ];
  return { framework: 'onnx', title: 'ONNX', language: 'python', code: `${code}\n`, notes };
}
