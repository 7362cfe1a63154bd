/**
 * What a hover shows at an offset of a spec, as Markdown: the output-shape formula with numbers for a
 * hyperparameter or shape, a layer's input → output and parameter count, a data array's dimensions
 * against its declared shape, a verification's meaning. Pure: the editor adapter only positions it.
 */
import * as l10n from '@vscode/l10n';
import { formatShape, isVerificationName, nestedShape, numel, verificationTitle, type NestedNumbers } from '../engine';
import { OP_FIELDS } from './chainOpModel';
import { isOpPlan } from './evaluateOps';
import type { ConvFieldsModel } from './model';
import { opMarkdown } from './opText';
import { formatPath } from './format';
import { locationAt } from './location';
import type { LayerPlan } from './plan';
import { paddingText } from './paddingText';
import type { ValidationResult } from './validate';

export interface HoverInfo {
  readonly markdown: string;
  /** The token the hover belongs to. */
  readonly offset: number;
  readonly length: number;
}

type Path = readonly (string | number)[];

/** Fields whose hover is the layer's output-shape formula. */
const HYPERPARAMETERS = new Set([
  'pads',
  'autoPad',
  'outputShape',
  'trim',
  'kernelSize',
  'stride',
  'padding',
  'outputPadding',
  'dilation',
  'groups',
  'inChannels',
  'outChannels',
  'type',
  'kernel',
  'bias',
  'expect',
]);

/** The fields of the pool, upsample, pad, crop, concat and add layers: their hover is the layer's, too. */
const OP_FIELD_NAMES = new Set(Object.values(OP_FIELDS).flat());

function fence(lines: readonly string[]): string {
  return ['```text', ...lines, '```'].join('\n');
}

export function formulaBlock(plan: LayerPlan): string {
  const lines: string[] = [];
  plan.dims.forEach((d, i) => {
    const lhs = d.formula.slice(0, d.formula.indexOf('=') + 1);
    lines.push(d.formula, `${lhs} ${d.substituted}`);
    const range = plan.outputSizeRange?.[i];
    if (range) {
      const ops = range.max - range.min;
      lines.push(
        l10n.t(
          'valid {0}_out: {1}',
          d.axis,
          range.min === range.max ? String(range.min) : `${range.min} … ${range.max} (output_padding 0 … ${ops})`,
        ),
      );
    }
    if (i < plan.dims.length - 1) lines.push('');
  });
  return fence(lines);
}

function parameterCount(plan: LayerPlan): number {
  return numel(plan.weightShape) + (plan.biasShape ? numel(plan.biasShape) : 0);
}

function layerHeader(plan: LayerPlan): string {
  const op = `${plan.kind === 'convTranspose' ? 'ConvTranspose' : 'Conv'}${plan.params.stride.length}d`;
  return `**${op}** \`${plan.name}\`: ${formatShape(plan.inputShape)} → **${formatShape(plan.outputShape)}**`;
}

/** "weight [1, 1, 2, 2] + bias [1] = 5 parameters" */
function parametersLine(plan: LayerPlan): string {
  const count = parameterCount(plan);
  const weight = formatShape(plan.weightShape);
  const total = count.toLocaleString('en-US');
  if (plan.biasShape) {
    const bias = formatShape(plan.biasShape);
    return l10n.t('weight {0} + bias {1} = {2} parameters', weight, bias, total); // at least one weight and one bias
  }
  return count === 1
    ? l10n.t('weight {0} = 1 parameter', weight)
    : l10n.t('weight {0} = {1} parameters', weight, total);
}

function layerMarkdown(plan: LayerPlan): string {
  if (isOpPlan(plan)) return opMarkdown(plan, fence);
  const parts = [layerHeader(plan), parametersLine(plan), formulaBlock(plan)];
  const padding = paddingText(plan);
  if (padding) {
    parts.push(fence(padding.lines), padding.verdict);
    if (!padding.exact) parts.push(['```python', ...padding.torchCode, '```'].join('\n'));
  }
  if (plan.roundTripOutputPadding)
    parts.push(
      l10n.t('output_padding that undoes the forward convolution: {0}', plan.roundTripOutputPadding.join(', ')),
    );
  return parts.join('\n\n');
}

/** The plan (and written fields) of the layer or forward convolution a path points into, with the rest of the path. */
function layerAt(
  result: ValidationResult,
  path: Path,
): { plan: LayerPlan; fields: ConvFieldsModel | undefined; rest: Path } | undefined {
  const { plan, spec } = result;
  if (!plan) return undefined;
  if (path[0] === 'forward' && plan.forward) return { plan: plan.forward, fields: spec?.forward, rest: path.slice(1) };
  if (path[0] === 'layer' && spec?.layerForm === 'layer' && plan.layers[0])
    return { plan: plan.layers[0], fields: spec.layers[0], rest: path.slice(1) };
  if (path[0] === 'layers' && typeof path[1] === 'number' && plan.layers[path[1]])
    return { plan: plan.layers[path[1]], fields: spec?.layers[path[1]], rest: path.slice(2) };
  return undefined;
}

function dataMarkdown(
  value: NestedNumbers | undefined,
  declared: readonly number[] | undefined,
  full: readonly number[] | undefined,
): string | undefined {
  if (value === undefined) return undefined;
  const nested = nestedShape(value);
  let written: string;
  if (!nested) written = l10n.t('ragged or not all numbers');
  else
    written =
      nested.length === 1
        ? l10n.t('nested {0} (1 level)', formatShape(nested))
        : l10n.t('nested {0} ({1} levels)', formatShape(nested), nested.length);
  const lines = [`**data**: ${written}`];
  if (declared)
    lines.push(
      `${l10n.t('declared shape {0}', `[${declared.join(', ')}]`)}${nested && formatShape(nested) === formatShape(declared) ? ' ✔' : ' ✘'}`,
    );
  if (full) lines.push(l10n.t('as a tensor: {0}', formatShape(full)));
  return lines.join('\n\n');
}

function contentAt(result: ValidationResult, path: Path): string | undefined {
  const layer = layerAt(result, path);
  if (layer) {
    const [field, sub] = layer.rest;
    if (field === undefined || typeof field === 'number') return layerMarkdown(layer.plan);
    if (field === 'kernel' && sub === 'data')
      return dataMarkdown(
        layer.fields?.kernel?.data?.value,
        layer.fields?.kernel?.shape?.value,
        layer.plan.weightShape,
      );
    if (HYPERPARAMETERS.has(String(field)) || OP_FIELD_NAMES.has(String(field)) || field === 'name')
      return layerMarkdown(layer.plan);
    return undefined;
  }
  const { plan, spec } = result;
  if (path[0] === 'input' && plan) {
    if (path[1] === 'data') return dataMarkdown(spec?.input.data?.value, spec?.input.shape?.value, plan.inputShape);
    return `**input**: ${formatShape(plan.inputShape)} (N×C×${plan.dims === 3 ? 'D×H×W' : plan.dims === 2 ? 'H×W' : 'L'})`;
  }
  if (path[0] === 'expect' && plan?.outputShape) {
    const last = plan.layers[plan.layers.length - 1];
    return `**${l10n.t('output of the chain')}**: ${formatShape(plan.outputShape)}${last ? `\n\n${layerHeader(last)}\n\n${formulaBlock(last)}` : ''}`;
  }
  if (path[0] === 'verify' && typeof path[1] === 'number') {
    const name = result.spec?.verify[path[1]];
    if (name && isVerificationName(name)) return `**${name}**: ${verificationTitle(name)}`;
  }
  return undefined;
}

/**
 * The number under the pointer inside a data array or an expected output, as written: "**input.data[1][0]** = 2",
 * so that a value in a long paste can be told by its index.
 */
function elementLine(
  text: string,
  path: Path,
  node: { readonly offset: number; readonly length: number } | undefined,
): string | undefined {
  const at = path.findIndex((segment) => segment === 'data' || segment === 'output');
  if (!node || at < 0 || path.length === at + 1 || !path.slice(at + 1).every((segment) => typeof segment === 'number'))
    return undefined;
  const token = text.slice(node.offset, node.offset + node.length);
  return /^-?\d/.test(token) ? `**${formatPath(path)}** = ${token}` : undefined;
}

/** The hover for `offset` in `text`, whose validation is `result`; undefined where there is nothing to say. */
export function hoverAt(
  text: string,
  result: ValidationResult,
  offset: number,
  packMinLength?: number,
): HoverInfo | undefined {
  // Every hover needs a plan; and getLocation recurses per level, so text nested too deep is not read
  // (locationAt says undefined; the result may be stale, from before the nesting was typed).
  if (!result.plan) return undefined;
  const location = locationAt(text, offset, packMinLength);
  if (!location) return undefined;
  const node = location.previousNode;
  if (!node && location.path.length === 0) return undefined;
  const content = contentAt(result, location.path);
  if (!content) return undefined;
  const element = elementLine(text, location.path, node);
  const markdown = element ? `${element}\n\n${content}` : content;
  return { markdown, offset: node?.offset ?? offset, length: node?.length ?? 0 };
}
