/** The non-convolution layers as one line of PyTorch-like text and as a hover (cf. layerSignature.ts, hover.ts). */
import * as l10n from '@vscode/l10n';
import { formatShape } from '../engine';
import type { LayerPlan } from './plan';
import type { ChainOpPlan } from './planOp';

const perDim = (values: readonly number[]): string =>
  values.every((v) => v === values[0]) ? String(values[0]) : `(${values.join(', ')})`;

/** "MaxPool2d(kernel 2, stride 2, padding 0)", "cat([x, enc1], dim=1)", … */
export function opSignature(op: ChainOpPlan, rank: number): string {
  switch (op.kind) {
    case 'maxPool':
    case 'avgPool': {
      const parts = [`kernel ${perDim(op.kernel)}`, `stride ${perDim(op.stride)}`, `padding ${perDim(op.padding)}`];
      if (op.kind === 'maxPool' && op.dilation.some((d) => d !== 1)) parts.push(`dilation ${perDim(op.dilation)}`);
      if (op.ceilMode) parts.push('ceil_mode');
      if (op.kind === 'avgPool' && !op.countIncludePad) parts.push('count_include_pad=False');
      return `${op.kind === 'maxPool' ? 'MaxPool' : 'AvgPool'}${rank}d(${parts.join(', ')})`;
    }
    case 'upsample': {
      const size = op.size ? `size ${perDim(op.size)}` : `scale_factor ${perDim(op.scaleFactor ?? [1])}`;
      const align = op.mode === 'nearest' ? '' : `, align_corners ${op.alignCorners ? 'True' : 'False'}`;
      return `Upsample(${size}, mode '${op.mode}'${align})`;
    }
    case 'pad':
      return `pad(pads [${op.pads.join(', ')}]${op.value !== 0 ? `, value ${op.value}` : ''})`;
    case 'crop':
      return `crop(begin ${perDim(op.begin)}, end ${perDim(op.end)}${op.centred ? ', centre' : ''})`;
    case 'concat':
      return `cat([x, ${op.source.name}], dim=1)`;
    case 'add':
      return `x + ${op.source.name}`;
  }
}

/**
 * Where a non-convolution layer's channel count comes from: "C_out = 64 + 64 = 128 (concatenated with up2)",
 * "C_out = 16 (added to enc2)", "C_out = 8: maxPool layers keep their input's channels".
 */
export function opChannelText(plan: LayerPlan & { readonly op: ChainOpPlan }): string {
  const [inC, outC] = [plan.inputShape[1], plan.outputShape[1]];
  const op = plan.op;
  if (op.kind === 'concat')
    return l10n.t('C_out = {0} + {1} = {2} (concatenated with {3})', inC, op.source.shape[1], outC, op.source.name);
  if (op.kind === 'add') return l10n.t('C_out = {0} (added to {1})', outC, op.source.name);
  return l10n.t("C_out = {0}: {1} layers keep their input's channels", outC, op.kind);
}

/** What to change for another spatial output size of a non-convolution layer. */
export function opSizeAdvice(op: ChainOpPlan): string {
  switch (op.kind) {
    case 'maxPool':
      return l10n.t(
        'Layers of type "maxPool" have no output_padding: change kernelSize, stride, padding, dilation or ceilMode.',
      );
    case 'avgPool':
      return l10n.t('Layers of type "avgPool" have no output_padding: change kernelSize, stride, padding or ceilMode.');
    case 'upsample':
      return l10n.t("Change the upsample layer's scaleFactor or size.");
    case 'pad':
      return l10n.t("Change the pad layer's pads.");
    case 'crop':
      return l10n.t("Change the crop layer's size, begin or end.");
    case 'concat':
    case 'add':
      return l10n.t(
        'Layers of type "{0}" keep the size of their input, which equals that of {1}: change an earlier layer.',
        op.kind,
        op.source.name,
      );
  }
}

/** "⟵ skip from enc1 1×8×45×45" for concat/add, else undefined. */
export function skipText(op: ChainOpPlan | undefined): string | undefined {
  if (!op || (op.kind !== 'concat' && op.kind !== 'add')) return undefined;
  return l10n.t('⟵ skip from {0} {1}', op.source.name, formatShape(op.source.shape));
}

/** The hover of a non-convolution layer: what it does, input → output, the formula per axis with numbers. */
export function opMarkdown(
  plan: LayerPlan & { readonly op: ChainOpPlan },
  fence: (lines: readonly string[]) => string,
): string {
  const rank = plan.params.stride.length;
  const header = `**${opSignature(plan.op, rank)}** \`${plan.name}\`: ${formatShape(plan.inputShape)} → **${formatShape(plan.outputShape)}**`;
  const lines: string[] = [];
  const skip = skipText(plan.op);
  if (plan.op.kind === 'concat' || plan.op.kind === 'add') lines.push(opChannelText(plan));
  plan.dims.forEach((d, i) => {
    const lhs = d.formula.slice(0, d.formula.indexOf('=') + 1);
    lines.push(d.formula, `${lhs} ${d.substituted}`);
    if (i < plan.dims.length - 1) lines.push('');
  });
  return [header, ...(skip ? [skip] : []), fence(lines)].join('\n\n');
}
