/** ONNX: the whole chain as one graph (onnxGraph.ts), built with onnx.helper and run by ONNX's reference evaluator. */
import * as l10n from '@vscode/l10n';
import { formatShape } from '../../../engine';
import type { CodeSnippet } from '../../../webviewProtocol';
import { numpyAssertLines } from '../assertions';
import { constantText, nodeText } from '../onnxNodes';
import { pyList, pyNested, pyString, pyTuple } from '../pythonText';
import type { ChainModel } from './chainModel';
import { numpyTensorLines } from './numpySources';
import { ONNX_INPUT, ONNX_OUTPUT, onnxGraph } from './onnxGraph';

export function onnxChainSnippet(m: ChainModel): CodeSnippet {
  const graph = onnxGraph(m);
  const info = (name: string, shape: readonly number[]) =>
    `helper.make_tensor_value_info("${name}", elem, ${pyList(shape)})`;
  const code = [
    'import numpy as np',
    'import onnx',
    'from onnx import TensorProto, helper, numpy_helper',
    'from onnx.reference import ReferenceEvaluator',
    '',
    `# ${m.title ? `${m.title}: ` : ''}${formatShape(m.inputShape)} → ${formatShape(m.outputShape)}`,
    ...numpyTensorLines(m, false),
    'nodes = [',
    ...graph.nodes.flatMap((n) => nodeText(n, '', ',').map((line) => `    ${line}`)),
    ']',
    'initializers = [numpy_helper.from_array(value, name=name) for name, value in params.items()]',
    ...(graph.constants.length > 0
      ? ['initializers += [', ...graph.constants.map((c) => `    ${constantText(c, 'dtype')},`), ']']
      : []),
    `elem = TensorProto.${m.dtype === 'float32' ? 'FLOAT' : 'DOUBLE'}`,
    'graph = helper.make_graph(',
    '    nodes,',
    `    ${pyString(m.title || 'tconv chain')},`,
    `    [${info(ONNX_INPUT, m.inputShape)}],`,
    `    [${info(ONNX_OUTPUT, m.outputShape)}],`,
    '    initializers,',
    ')',
    'model = helper.make_model(graph)',
    'onnx.checker.check_model(model)',
    `(y,) = ReferenceEvaluator(model).run(None, {"${ONNX_INPUT}": x})`,
    `assert y.shape == ${pyTuple(m.outputShape)}`,
    ...(m.expected ? numpyAssertLines('y', pyNested(m.expected), m.dtype, m.approximate) : []),
  ].join('\n');
  const notes = [
    l10n.t(
      "ONNX takes the weights in PyTorch's layout: params holds them by their state_dict names, and each layer's output is named after it, so a Concat or Add names the output it joins.",
    ),
    l10n.t(
      'Resize with coordinate_transformation_mode "asymmetric" and nearest_mode "floor" is PyTorch\'s nearest; "pytorch_half_pixel" / "align_corners" its linear modes.',
    ),
  ];
  return { framework: 'onnx', title: 'ONNX', language: 'python', code: `${code}\n`, notes };
}
