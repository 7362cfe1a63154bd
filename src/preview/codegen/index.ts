/** Code snippets for a layer in PyTorch, TensorFlow/Keras, ONNX and JAX, each with its weight-layout conversion. */
import type { DType } from '../../engine';
import type { CodeSnippet } from '../../webviewProtocol';
import type { LayerEvaluation, LayerPlan } from '../../specFile';
import { codeLayer } from './codeLayer';
import { jaxSnippet } from './jax';
import { onnxSnippet } from './onnx';
import { pytorchSnippet } from './pytorch';
import { tensorflowSnippet } from './tensorflow';

export function codeSnippets(plan: LayerPlan, dtype: DType, evaluation: LayerEvaluation | null): CodeSnippet[] {
  const layer = codeLayer(plan, dtype, evaluation);
  return [pytorchSnippet(layer), tensorflowSnippet(layer), onnxSnippet(layer), jaxSnippet(layer)];
}
