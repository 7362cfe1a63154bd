/**
 * Code snippets in PyTorch, TensorFlow/Keras, ONNX and JAX: for one layer (codeSnippets, each with its weight-layout
 * conversion and its padding in the framework's own terms) and for the whole chain (chainSnippets).
 */
import type { ComputePath, DType } from '../../engine';
import type { CodeSnippet } from '../../webviewProtocol';
import type { LayerEvaluation, LayerPlan } from '../../specFile';
import { codeLayer } from './codeLayer';
import { jaxSnippet } from './jax';
import { onnxSnippet } from './onnx';
import { pytorchSnippet } from './pytorch';
import { tensorflowSnippet } from './tensorflow';

export { chainSnippets } from './chain';

export function codeSnippets(
  plan: LayerPlan,
  dtype: DType,
  evaluation: LayerEvaluation | null,
  inlineLimit?: number,
  compute?: ComputePath,
): CodeSnippet[] {
  const layer = codeLayer(plan, dtype, evaluation, inlineLimit, compute);
  return [pytorchSnippet(layer), tensorflowSnippet(layer), onnxSnippet(layer), jaxSnippet(layer)];
}
