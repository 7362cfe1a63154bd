/** ONNX: a ConvTranspose (or Conv) node with the layer's attributes, run by ONNX's reference evaluator. */
import * as l10n from '@vscode/l10n';
import type { CodeSnippet } from '../../webviewProtocol';
import { type CodeLayer, shapeLine } from './codeLayer';
import { npDtype, numpyCheckLines, numpyValueLines } from './numpyValues';
import { onnxConvNodes, type OnnxConvNodes } from './onnxConv';
import { constantText, nodeText } from './onnxNodes';
import { pyList, pyString } from './pythonText';

function nodesOf(layer: CodeLayer): OnnxConvNodes {
  return onnxConvNodes(layer.plan, { x: 'x', w: 'w', b: layer.plan.biasShape ? 'b' : null, y: 'y', prefix: '' });
}

function nodeLines(converted: OnnxConvNodes): string[] {
  if (converted.nodes.length === 1) return nodeText(converted.nodes[0], 'node = ', '');
  return ['nodes = ['].concat(
    converted.nodes.flatMap((n) => nodeText(n, '', ',').map((line) => `    ${line}`)),
    [']'],
  );
}

function graphLines(layer: CodeLayer, converted: OnnxConvNodes): string[] {
  const plan = layer.plan;
  const info = (name: string, shape: readonly number[]) =>
    `helper.make_tensor_value_info("${name}", elem, ${pyList(shape)})`;
  const inputs = [
    info('x', plan.inputShape),
    info('w', plan.weightShape),
    ...(plan.biasShape ? [info('b', plan.biasShape)] : []),
  ];
  const feeds = ['"x": x', '"w": w', ...(plan.biasShape ? ['"b": b'] : [])];
  const constants = converted.constants.map((c) => `    ${constantText(c, npDtype(layer))},`);
  return [
    `elem = TensorProto.${layer.dtype === 'float32' ? 'FLOAT' : 'DOUBLE'}`,
    'graph = helper.make_graph(',
    converted.nodes.length === 1 ? '    [node],' : '    nodes,',
    `    ${pyString(layer.plan.name)},`,
    `    [${inputs.join(', ')}],`,
    `    [${info('y', plan.outputShape)}],`,
    ...(constants.length > 0 ? ['    initializer=[', ...constants.map((c) => `    ${c}`), '    ],'] : []),
    ')',
    'model = helper.make_model(graph)',
    'onnx.checker.check_model(model)',
    `(y,) = ReferenceEvaluator(model).run(None, {${feeds.join(', ')}})`,
  ];
}

export function onnxSnippet(layer: CodeLayer): CodeSnippet {
  const converted = nodesOf(layer);
  const code = [
    'import numpy as np',
    'import onnx',
    `from onnx import TensorProto, helper${converted.constants.length > 0 ? ', numpy_helper' : ''}`,
    'from onnx.reference import ReferenceEvaluator',
    '',
    `# ${layer.label}: ${shapeLine(layer)}`,
    ...numpyValueLines(layer),
    ...nodeLines(converted),
    ...graphLines(layer, converted),
    ...numpyCheckLines(layer, 'y'),
  ].join('\n');
  const notes = [
    l10n.t(
      "ONNX {0} takes the weight in PyTorch's layout, so w needs no conversion.",
      layer.transposed ? 'ConvTranspose' : 'Conv',
    ),
    ...converted.notes,
    ...(layer.transposed &&
    !converted.nodes[0].attributes.some((a) => a.name === 'output_shape' || a.name === 'auto_pad')
      ? [l10n.t('auto_pad stays NOTSET and output_shape unset: an output_shape attribute would override pads.')]
      : []),
  ];
  return { framework: 'onnx', title: 'ONNX', language: 'python', code: `${code}\n`, notes };
}
