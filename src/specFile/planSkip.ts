/**
 * Skip connections: which earlier output a concat/add layer's `with` names, the names a reference could
 * confuse (duplicates), and the U-Net size mismatch with its fixes (outputPadding on the nearest transposed
 * layer that reaches the size, else a pad or crop layer inserted before the join).
 */
import * as l10n from '@vscode/l10n';
import { formatShape, sameShape } from '../engine';
import { isConvKind } from './chainOpModel';
import type { Fix, TextEdit } from './diagnostics';
import { closestName } from './didYouMean';
import { replaceEdit, type Span } from './edits';
import { formatAnd, formatList, sentences } from './format';
import { nodeAt } from './jsonTree';
import { capitalize, FORWARD_INDEX, layerAnchor, layerLabel } from './labels';
import type { LayerSpecModel, SpecModel } from './model';
import { setOutputPaddingFix } from './outputPaddingFix';
import type { LayerPlan } from './plan';
import { keySpan, related, type Reporter } from './reporter';

/** The `with` of a skip connection that names the spec's input. */
export const INPUT_NAME = 'input';
/** SkipSource.index of the spec's input. */
export const INPUT_INDEX = -2;

export interface SkipSource {
  /** INPUT_INDEX: the input; FORWARD_INDEX (−1): the forward convolution; ≥ 0: a layer of the chain. */
  readonly index: number;
  /** "input", or the layer's name. */
  readonly name: string;
  readonly shape: readonly number[];
}

/** What has been planned before the current layer. */
export interface EarlierSteps {
  readonly inputShape: readonly number[];
  readonly forward?: LayerPlan;
  readonly layers: readonly LayerPlan[];
}

interface Named {
  readonly index: number;
  readonly name: string;
  readonly ref: Span;
}

function namedSteps(spec: SpecModel): Named[] {
  const steps: Named[] = [];
  if (spec.forward?.name)
    steps.push({ index: FORWARD_INDEX, name: spec.forward.name.value, ref: spec.forward.name.ref });
  for (const layer of spec.layers)
    if (layer.name) steps.push({ index: layer.index, name: layer.name.value, ref: layer.name.ref });
  return steps;
}

function stepLabel(spec: SpecModel, index: number): string {
  if (index === INPUT_INDEX) return l10n.t('the input');
  return layerLabel(spec, index, index === FORWARD_INDEX ? spec.forward : spec.layers[index]);
}

/** A name no step has yet: "down2-2", "down2-3", … */
function freshName(name: string, taken: ReadonlySet<string>): string {
  for (let n = 2; ; n++) if (!taken.has(`${name}-${n}`)) return `${name}-${n}`;
}

/** A name used by two steps (or a layer named "input") that some `with` refers to: an error on each later one. */
export function checkReferencedNames(spec: SpecModel, reporter: Reporter): void {
  const referenced = new Set(spec.layers.flatMap((l) => (l.op.with ? [l.op.with.value] : [])));
  if (referenced.size === 0) return;
  const steps = namedSteps(spec);
  const taken = new Set(steps.map((s) => s.name));
  const byName = new Map<string, Named[]>();
  for (const step of steps) byName.set(step.name, [...(byName.get(step.name) ?? []), step]);
  for (const [name, owners] of byName) {
    if (!referenced.has(name)) continue;
    const clashes = name === INPUT_NAME ? owners : owners.slice(1);
    for (const owner of clashes) {
      const rename = freshName(name, taken);
      const message =
        name === INPUT_NAME
          ? l10n.t(
              '{0} is named "input", which a skip connection\'s "with" reads as the spec\'s input: give the layer another name.',
              capitalize(stepLabel(spec, owner.index)),
            )
          : l10n.t(
              '{0} and {1} are both named "{2}", and a skip connection refers to "{2}" with "with": give each layer its own name.',
              capitalize(stepLabel(spec, owners[0].index)),
              stepLabel(spec, owner.index),
              name,
            );
      reporter.report('duplicate-name', message, owner.ref, {
        fixes: [
          {
            title: l10n.t('Rename to "{0}"', rename),
            edits: [replaceEdit(owner.ref, JSON.stringify(rename))],
            isPreferred: true,
          },
        ],
        related: name === INPUT_NAME ? [] : [related(owners[0].ref, l10n.t('the first layer named "{0}"', name))],
      });
    }
  }
}

/** The earlier output a concat/add layer names with `with`, or null (reported). */
export function resolveSkip(
  spec: SpecModel,
  layer: LayerSpecModel,
  earlier: EarlierSteps,
  reporter: Reporter,
): SkipSource | null {
  const field = layer.op.with;
  if (!field) return null; // the schema requires it
  const name = field.value;
  const before = namedSteps(spec).filter((s) => s.index < layer.index);
  const match = [...before].reverse().find((s) => s.name === name);
  if (match) {
    const plan = match.index === FORWARD_INDEX ? earlier.forward : earlier.layers[match.index];
    return plan ? { index: match.index, name, shape: plan.outputShape } : null;
  }
  if (name === INPUT_NAME) return { index: INPUT_INDEX, name, shape: earlier.inputShape };
  const later = namedSteps(spec).find((s) => s.name === name);
  if (later) {
    reporter.report(
      'skip-source',
      later.index === layer.index
        ? l10n.t('"with": "{0}" names this layer itself: a skip connection joins an earlier output.', name)
        : l10n.t(
            '"with": "{0}" names {1}, which comes after this layer: a skip connection joins an earlier output.',
            name,
            stepLabel(spec, later.index),
          ),
      field.ref,
      { related: [related(later.ref, l10n.t('the layer named "{0}"', name))] },
    );
    return null;
  }
  const candidates = [INPUT_NAME, ...before.map((s) => s.name)];
  const guess = closestName(name, candidates);
  const listed = candidates.length > 8 ? [...candidates.slice(0, 7), '…'] : candidates;
  const message = guess
    ? l10n.t(
        '"with": "{0}" names no earlier layer; did you mean "{1}"? Earlier outputs: {2}.',
        name,
        guess,
        listed.join(', '),
      )
    : l10n.t('"with": "{0}" names no earlier layer. Earlier outputs: {1}.', name, listed.join(', '));
  reporter.report('skip-source', message, field.ref, {
    fixes: guess
      ? [
          {
            title: l10n.t('Change to "{0}"', guess),
            edits: [replaceEdit(field.ref, JSON.stringify(guess))],
            isPreferred: true,
          },
        ]
      : [],
  });
  return null;
}

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

/** Whether a layer plan is a convolution (has a weight). */
export const hasWeight = (plan: LayerPlan): boolean => isConvKind(plan.kind);
