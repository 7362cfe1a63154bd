/** Code snippets for a layer in PyTorch, TensorFlow/Keras, ONNX and JAX, each with its weight-layout conversion. */
import { convOutputSize, transposedOutputSize, type DType } from '../../engine';
import { paddingText } from '../../specFile/paddingText';
import type { CodeSnippet } from '../../webviewProtocol';
import type { LayerEvaluation, LayerPlan } from '../../specFile';
import { codeLayer } from './codeLayer';
import { jaxSnippet } from './jax';
import { onnxSnippet } from './onnx';
import { pytorchSnippet } from './pytorch';
import { tensorflowSnippet } from './tensorflow';

export function codeSnippets(plan: LayerPlan, dtype: DType, evaluation: LayerEvaluation | null): CodeSnippet[] {
  const layer = codeLayer(plan, dtype, evaluation);
  const padding = paddingText(plan);
  if (!padding || padding.exact)
    return [pytorchSnippet(layer), tensorflowSnippet(layer), onnxSnippet(layer), jaxSnippet(layer)];
  // ONNX / Keras padding or a trim that PyTorch's arguments cannot express: the other frameworks get the PyTorch
  // part (the layer before its slice, without inlined values) and a note with the rest.
  const part = codeLayer(torchPart(plan), dtype, null);
  const note = `${padding.verdict} ${padding.torchCode.join('; ')}`;
  const withNote = (s: CodeSnippet): CodeSnippet => ({ ...s, notes: [note, ...s.notes] });
  return [
    pytorchSnippet(layer),
    withNote(tensorflowSnippet(part)),
    withNote(onnxSnippet(part)),
    withNote(jaxSnippet(part)),
  ];
}

/** The PyTorch layer that runs before the slice (for a convolution: on the input after F.pad). */
function torchPart(plan: LayerPlan): LayerPlan {
  const p = plan.padding;
  if (!p) return plan;
  const { stride, dilation, padding, outputPadding } = plan.params;
  const spatialIn = plan.inputShape
    .slice(2)
    .map((s, d) => s + (p.inputPad ? p.inputPad.begin[d] + p.inputPad.end[d] : 0));
  const kernel = plan.weightShape.slice(2);
  const spatialOut = spatialIn.map((inSize, d) => {
    const args = { inSize, kernel: kernel[d], stride: stride[d], padding: padding[d], dilation: dilation[d] };
    return plan.kind === 'convTranspose'
      ? transposedOutputSize({ ...args, outputPadding: outputPadding[d] })
      : convOutputSize(args);
  });
  return {
    ...plan,
    inputShape: [...plan.inputShape.slice(0, 2), ...spatialIn],
    outputShape: [...plan.outputShape.slice(0, 2), ...spatialOut],
    padding: undefined,
  };
}
