/** Resize and Upsample → an upsample layer (torch.nn.Upsample), noting where the model interpolates otherwise. */
import * as l10n from '@vscode/l10n';
import { constantNumbers } from './graphIndex';
import { stopAt, type MappedOp, type OpStep } from './opStep';
import { Attributes } from './protoValues';
import { perDim } from './specValues';

export function upsampleLayer(step: OpStep): MappedOp {
  const { node, dims } = step;
  const a = new Attributes(node);
  const inputs = node.input ?? [];
  const rank = dims + 2;
  // Upsample-7: scales attribute; Upsample-9 and Resize-10: (X, scales); Resize-11+: (X, roi, scales, sizes).
  const scalesInput = node.opType === 'Upsample' || inputs.length === 2 ? inputs[1] : inputs[2];
  const scales = a.floats('scales') ?? constantNumbers(step.index, scalesInput);
  const sizes = node.opType === 'Resize' && inputs[3] ? constantNumbers(step.index, inputs[3]) : undefined;
  if (a.has('axes')) return stopAt(l10n.t('Resize with axes'));
  const layer: Record<string, unknown> = { type: 'upsample' };
  if (sizes && sizes.length === rank) layer.size = sizes.slice(2);
  else if (scales && scales.length === rank) {
    if (scales[0] !== 1 || scales[1] !== 1) return stopAt(l10n.t('it scales the batch or channel axis'));
    const spatial = scales.slice(2);
    if (!spatial.every((s) => Number.isInteger(s) && s >= 1))
      return stopAt(l10n.t('a scale that is not a whole number ({0})', spatial.join(', ')));
    layer.scaleFactor = perDim(spatial);
  } else return stopAt(l10n.t('its scales or sizes are computed in the graph'));
  const mode = a.string('mode', 'nearest');
  const transform = a.string('coordinate_transformation_mode', 'half_pixel');
  const halfPixel = transform === 'half_pixel' || transform === 'pytorch_half_pixel';
  if (mode === 'nearest') {
    const rounding = a.string('nearest_mode', 'round_prefer_floor');
    // With whole-number scales these pick the same source pixel as PyTorch's nearest (floor of out / scale).
    const same =
      node.opType === 'Upsample' ||
      (transform === 'asymmetric' && rounding === 'floor') ||
      (halfPixel && rounding.startsWith('round_prefer'));
    if (!same || !('scaleFactor' in layer)) interpolationCaveat(step, `nearest, ${transform}, ${rounding}`);
  } else {
    layer.mode = ['linear', 'bilinear', 'trilinear'][dims - 1];
    if (transform === 'align_corners') layer.alignCorners = true;
    else if (!halfPixel || mode !== 'linear') interpolationCaveat(step, `${mode}, ${transform}`);
  }
  return { layer };
}

function interpolationCaveat(step: OpStep, how: string): void {
  step.note(
    'caveat',
    l10n.t(
      "{0} '{1}': written as torch.nn.Upsample; the model's interpolation ({2}) may give other values",
      step.op,
      step.name,
      how,
    ),
  );
}
