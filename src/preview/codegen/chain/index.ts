/** The whole chain in PyTorch, TensorFlow/Keras, ONNX and JAX (the preview's Code view, "Whole chain"). */
import type { ChainPlan, SpecModel } from '../../../specFile';
import type { CodeSnippet } from '../../../webviewProtocol';
import { chainModel, type ChainValuesInput } from './chainModel';
import { jaxChainSnippet } from './jaxChain';
import { kerasChainSnippet } from './kerasChain';
import { onnxChainSnippet } from './onnxChain';
import { torchChainSnippet } from './torchChain';

export function chainSnippets(
  spec: SpecModel,
  plan: ChainPlan,
  values: ChainValuesInput,
  inlineLimit?: number,
): CodeSnippet[] {
  const m = chainModel(spec, plan, values, inlineLimit);
  return [torchChainSnippet(m), kerasChainSnippet(m), onnxChainSnippet(m), jaxChainSnippet(m)];
}
