/** A layer as one line of PyTorch-like text: "up1: ConvTranspose2d(512 → 256, kernel 4×4, stride 2, …)". */
import { opSignature } from './opText';
import type { LayerPlan } from './plan';

/** One number when every dimension agrees, a tuple otherwise. */
export function perDim(values: readonly number[]): string {
  return values.every((v) => v === values[0]) ? String(values[0]) : `(${values.join(', ')})`;
}

export function channelsOf(plan: LayerPlan): { inChannels: number; outChannels: number } {
  const g = plan.params.groups;
  return plan.kind === 'convTranspose'
    ? { inChannels: plan.weightShape[0], outChannels: plan.weightShape[1] * g }
    : { inChannels: plan.weightShape[1] * g, outChannels: plan.weightShape[0] };
}

export function layerSignature(plan: LayerPlan): string {
  const rank = plan.params.stride.length;
  if (plan.op) return opSignature(plan.op, rank);
  const { inChannels, outChannels } = channelsOf(plan);
  const p = plan.params;
  const parts = [
    `${inChannels} → ${outChannels}`,
    `kernel ${plan.weightShape.slice(2).join('×')}`,
    `stride ${perDim(p.stride)}`,
    `padding ${perDim(p.padding)}`,
  ];
  if (plan.kind === 'convTranspose') parts.push(`output_padding ${perDim(p.outputPadding)}`);
  parts.push(`dilation ${perDim(p.dilation)}`);
  if (p.groups > 1) parts.push(`groups ${p.groups}`);
  if (plan.biasShape) parts.push('bias');
  return `${plan.kind === 'convTranspose' ? 'ConvTranspose' : 'Conv'}${rank}d(${parts.join(', ')})`;
}
