/**
 * The U-Net size mismatch at a skip connection: a concat/add whose input and skip differ, reported on the `with`
 * token naming both layers and both sizes, with its fixes (outputPadding on the nearest transposed layer that
 * reaches the size, else a pad or crop layer inserted before the join).
 */
import * as l10n from '@vscode/l10n';
import { formatShape, sameShape } from '../engine';
import type { Fix, TextEdit } from './diagnostics';
import type { Span } from './edits';
import { formatAnd, formatList, sentences } from './format';
import { nodeAt } from './jsonTree';
import { capitalize, FORWARD_INDEX, layerAnchor, layerLabel } from './labels';
import type { LayerSpecModel, SpecModel } from './model';
import { setOutputPaddingFix } from './outputPaddingFix';
import type { LayerPlan } from './plan';
import { INPUT_INDEX, stepLabel, type EarlierSteps, type SkipSource } from './planSkip';
import { keySpan, related, type Reporter } from './reporter';

/** Whether a layer's output grows by one wherever its input does (so an earlier outputPadding reaches the join unchanged). */
function shiftsOneForOne(plan: LayerPlan): boolean {
  if (plan.kind === 'conv') return plan.params.stride.every((s) => s === 1);
  if (plan.kind === 'pad') return true;
  if (plan.op?.kind === 'crop') return !plan.op.centred;
  return plan.kind === 'concat';
}

/** Sets outputPadding on the nearest transposed layer between the skip's source and the join, when that reaches `target`. */
function outputPaddingFix(
  spec: SpecModel,
  earlier: EarlierSteps,
  source: SkipSource,
  current: readonly number[],
  target: readonly number[],
  reporter: Reporter,
): Fix | undefined {
  for (let i = earlier.layers.length - 1; i > source.index; i--) {
    const plan = earlier.layers[i];
    if (plan.kind === 'convTranspose') {
      const values = plan.params.outputPadding.map((op, d) => op + target[d] - current[d]);
      const fits = values.every(
        (v, d) => Number.isInteger(v) && v >= 0 && v < Math.max(plan.params.stride[d], plan.params.dilation[d]),
      );
      return fits ? setOutputPaddingFix(spec.layers[i], values, reporter) : undefined;
    }
    if (!shiftsOneForOne(plan)) return undefined;
  }
  return undefined;
}

/** The text of a new layer object, inserted before the join's object on its own line. */
function insertLayerBefore(layer: LayerSpecModel, json: string, reporter: Reporter): TextEdit | undefined {
  const text = reporter.source?.text;
  if (!text || !reporter.source || !nodeAt(reporter.source.root, layer.ref.path)) return undefined;
  let lineStart = layer.ref.offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  const before = text.slice(lineStart, layer.ref.offset);
  const ownLine = /^[ \t]*$/.test(before);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { offset: layer.ref.offset, length: 0, newText: ownLine ? `${json},${eol}${before}` : `${json}, ` };
}

/** Pad (Pytorch-UNet: diff // 2 before, the rest after) or centre-crop the current tensor to `target`. */
function padOrCropFix(
  layer: LayerSpecModel,
  current: readonly number[],
  target: readonly number[],
  reporter: Reporter,
): Fix | undefined {
  const diff = target.map((t, d) => t - current[d]);
  let json: string;
  let title: string;
  if (diff.every((v) => v <= 0)) {
    json = `{ "type": "crop", "size": ${formatList(target)} }`;
    title = l10n.t('Insert a crop layer to {0} before this layer', formatList(target));
  } else {
    const begin = diff.map((v) => Math.floor(v / 2));
    const pads = [...begin, ...diff.map((v, d) => v - begin[d])];
    json = `{ "type": "pad", "pads": ${formatList(pads)} }`;
    title = l10n.t('Insert a pad layer {0} before this layer (as Pytorch-UNet pads)', formatList(pads));
  }
  const edit = insertLayerBefore(layer, json, reporter);
  return edit ? { title, edits: [edit] } : undefined;
}

/**
 * torch.cat / + need the skip's sizes: concat all but the channels, add all of them. Reports the U-Net
 * off-by-one on the `with` token, naming both layers and both sizes; true when the shapes fit.
 */
export function checkSkipShapes(
  spec: SpecModel,
  layer: LayerSpecModel,
  earlier: EarlierSteps,
  inputShape: readonly number[],
  source: SkipSource,
  reporter: Reporter,
): boolean {
  const isConcat = layer.kind === 'concat';
  const spatialIn = inputShape.slice(2);
  const spatialSkip = source.shape.slice(2);
  const spatialFit = sameShape(spatialIn, spatialSkip) && inputShape[0] === source.shape[0];
  const channelsFit = isConcat || inputShape[1] === source.shape[1];
  if (spatialFit && channelsFit) return true;
  const field = layer.op.with as NonNullable<LayerSpecModel['op']['with']>;
  const label = capitalize(layerLabel(spec, layer.index, layer));
  const previous = layer.index - 1;
  const fromIndex = previous >= 0 ? previous : earlier.forward ? FORWARD_INDEX : INPUT_INDEX;
  const from = stepLabel(spec, fromIndex);
  const skipLabel = stepLabel(spec, source.index);
  const axes = spec.dims === 1 ? ['L'] : spec.dims === 3 ? ['D', 'H', 'W'] : ['H', 'W'];
  const differing = spatialIn.flatMap((n, d) =>
    n !== spatialSkip[d] ? [`${axes[d] ?? d} ${n} vs ${spatialSkip[d]}`] : [],
  );
  const shapes = l10n.t(
    '{0} joins {1} from {2} with {3} from {4}',
    label,
    formatShape(inputShape),
    from,
    formatShape(source.shape),
    skipLabel,
  );
  let message: string;
  if (!spatialFit) {
    message = sentences(
      l10n.t('{0}: the sizes differ ({1}).', shapes, formatAnd(differing)),
      isConcat
        ? l10n.t('torch.cat needs the same sizes in every dimension but the channels.')
        : l10n.t('An addition needs the same shape.'),
    );
  } else {
    message = l10n.t(
      '{0}: the channels differ ({1} vs {2}); an addition needs the same shape.',
      shapes,
      inputShape[1],
      source.shape[1],
    );
  }
  const fixes: Fix[] = [];
  if (!spatialFit) {
    const op = outputPaddingFix(spec, earlier, source, spatialIn, spatialSkip, reporter);
    if (op) fixes.push(op);
    const insert = padOrCropFix(layer, spatialIn, spatialSkip, reporter);
    if (insert) fixes.push(op ? insert : { ...insert, isPreferred: true });
  }
  const sourceModel =
    source.index >= 0 ? spec.layers[source.index] : source.index === FORWARD_INDEX ? spec.forward : undefined;
  const sourceSpan: Span = sourceModel ? layerAnchor(sourceModel) : keySpan(spec.input.ref);
  const previousModel = previous >= 0 ? spec.layers[previous] : undefined;
  reporter.report('skip-mismatch', message, field.ref, {
    fixes,
    related: [
      related(sourceSpan, l10n.t('{0} outputs {1}', skipLabel, formatShape(source.shape))),
      ...(previousModel
        ? [related(layerAnchor(previousModel), l10n.t('{0} outputs {1}', from, formatShape(inputShape)))]
        : []),
    ],
  });
  return false;
}
