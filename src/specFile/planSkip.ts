/**
 * Skip connections: which earlier output a concat/add layer's `with` names, and the names a reference could
 * confuse (duplicates). The size mismatch at the join is skipShapes.ts.
 */
import * as l10n from '@vscode/l10n';
import { isConvKind } from './chainOpModel';
import { closestName } from './didYouMean';
import { replaceEdit, type Span } from './edits';
import { capitalize, FORWARD_INDEX, layerLabel } from './labels';
import type { LayerSpecModel, SpecModel } from './model';
import type { LayerPlan } from './plan';
import { related, type Reporter } from './reporter';

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

export function stepLabel(spec: SpecModel, index: number): string {
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

/** Whether a layer plan is a convolution (has a weight). */
export const hasWeight = (plan: LayerPlan): boolean => isConvKind(plan.kind);
