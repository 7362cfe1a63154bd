/**
 * Where a tensor's values come from in generated code: written out when small, else the spec's generator in the
 * framework's own terms (zeros, ones, fill and arange give the same numbers everywhere; random and randn only the
 * same distribution, as every framework has its own generator).
 */
import type { Tensor } from '../../../engine';
import type { TensorSpecModel } from '../../../specFile/model';
import { generatorOptions } from '../../../specFile/generatedTensors';
import { product } from '../../numbers';

export type TensorSource =
  | { readonly kind: 'literal'; readonly tensor: Tensor }
  | { readonly kind: 'full'; readonly value: number }
  | { readonly kind: 'arange'; readonly start: number; readonly step: number }
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  | { readonly kind: 'normal' }
  /** A kernel or bias without `init`: PyTorch's default, uniform in ±1/√fan_in. */
  | { readonly kind: 'torchDefault'; readonly fanIn: number }
  /** Written `data` too large to inline (and not computed): a random stand-in of that shape. */
  | { readonly kind: 'data'; readonly count: number };

export interface SourceRequest {
  readonly model: TensorSpecModel | undefined;
  readonly shape: readonly number[];
  readonly seed: number;
  /** For a kernel or bias: its layer's weight shape (their default init scales with it). */
  readonly weightShape: readonly number[] | null;
  /** The computed values, when there are some. */
  readonly values: Tensor | null;
  /** Write the values out when they fit the limit: every tensor of the chain does, or this one is written data. */
  readonly inlineAll: boolean;
  readonly inlineLimit: number;
}

export function tensorSource(req: SourceRequest): TensorSource {
  const inline = req.inlineAll || req.model?.data !== undefined;
  if (inline && req.values && product(req.shape) <= req.inlineLimit) return { kind: 'literal', tensor: req.values };
  if (req.model?.data) return { kind: 'data', count: product(req.shape) };
  const o = generatorOptions(req.model, req.seed, req.weightShape);
  const defaulted = req.weightShape !== null && !req.model?.init && !req.model?.low && !req.model?.high;
  if (defaulted) return { kind: 'torchDefault', fanIn: product(req.weightShape?.slice(1) ?? []) };
  switch (o.init) {
    case 'zeros':
      return { kind: 'full', value: 0 };
    case 'ones':
      return { kind: 'full', value: 1 };
    case 'fill':
      return { kind: 'full', value: o.value ?? 0 };
    case 'arange':
      return { kind: 'arange', start: o.start ?? 0, step: o.step ?? 1 };
    case 'randn':
      return { kind: 'normal' };
    case 'random':
      return { kind: 'uniform', low: o.low ?? 0, high: o.high ?? 1 };
  }
}

/** The values are the engine's exactly, in any framework. */
export function isExact(source: TensorSource): boolean {
  return source.kind === 'literal' || source.kind === 'full' || source.kind === 'arange';
}
