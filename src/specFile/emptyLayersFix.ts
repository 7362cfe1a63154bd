/**
 * The fix for `"layers": []`: one layer that is valid for the spec's input. By default a transposed convolution
 * with kernel 2 and stride 2 (any input size doubles); with a `forward` convolution, the layer that undoes it
 * (its hyperparameters, the output_padding that restores the input size, the input's channels); with a final
 * `expect.outputShape` at least the input's size, the kernel and stride that reach it.
 */
import * as l10n from '@vscode/l10n';
import type { Fix } from './diagnostics';
import { replaceEdit } from './edits';
import { arrayItem, itemCount, nodeAt, valueOf, type JsonNode } from './jsonTree';
import type { Dims } from './model';
import { expandShape } from './shorthand';

type PerDim = readonly number[];

/** A number or a list of `dims` integers, per dimension; undefined for anything else. */
function perDim(node: JsonNode | undefined, dims: Dims): PerDim | undefined {
  if (!node) return undefined;
  const value = valueOf(node);
  if (typeof value === 'number' && Number.isInteger(value)) return new Array<number>(dims).fill(value);
  if (Array.isArray(value) && value.length === dims && value.every((v) => Number.isInteger(v)))
    return value as number[];
  return undefined;
}

function integerList(node: JsonNode | undefined): number[] | undefined {
  const value = node ? valueOf(node) : undefined;
  return Array.isArray(value) && value.every((v) => Number.isInteger(v) && v >= 1) ? (value as number[]) : undefined;
}

/** The sizes along the first item at each depth of nested data: its shape when it is not ragged. */
function nestingOf(data: JsonNode): number[] {
  const sizes: number[] = [];
  for (let node: JsonNode | undefined = data; node?.type === 'array'; node = arrayItem(node, 0))
    sizes.push(itemCount(node));
  return sizes;
}

/** The input's full [N, C, ...spatial] shape, when it is written in a form the spec's dims accept. */
function inputShapeOf(root: JsonNode, dims: Dims): number[] | undefined {
  const shape = integerList(nodeAt(root, ['input', 'shape']));
  const data = nodeAt(root, ['input', 'data']);
  const written = shape ?? (data?.type === 'array' ? nestingOf(data) : undefined);
  return (written && expandShape(dims, written)) ?? undefined;
}

const valueText = (values: PerDim): string =>
  values.every((v) => v === values[0]) ? String(values[0]) : `[${values.join(', ')}]`;

/** The layer's properties, in the order a user writes them. */
type LayerFields = [string, PerDim | number][];

function layerFor(root: JsonNode, dims: Dims): LayerFields {
  const input = inputShapeOf(root, dims);
  const channels = input?.[1];
  const spatial = input?.slice(2);
  const twos = new Array<number>(dims).fill(2);
  const forward = nodeAt(root, ['forward']);
  if (forward?.type === 'object') {
    // The layer repeats the forward convolution's hyperparameters (the forward takes the ones it omits from it).
    const k = perDim(nodeAt(forward, ['kernelSize']), dims) ?? twos;
    const s = perDim(nodeAt(forward, ['stride']), dims) ?? twos;
    const p = perDim(nodeAt(forward, ['padding']), dims) ?? new Array<number>(dims).fill(0);
    const dilation = perDim(nodeAt(forward, ['dilation']), dims) ?? new Array<number>(dims).fill(1);
    const fields: LayerFields = [];
    const forwardOut = nodeAt(forward, ['outChannels'])?.value as unknown;
    if (channels !== undefined && typeof forwardOut === 'number' && forwardOut !== channels)
      fields.push(['outChannels', channels]);
    fields.push(['kernelSize', k], ['stride', s]);
    if (p.some((v) => v !== 0)) fields.push(['padding', p]);
    if (dilation.some((v) => v !== 1)) fields.push(['dilation', dilation]);
    // Dumoulin & Visin's a = (i + 2p − dilation·(k − 1) − 1) mod s restores the input size.
    const op = spatial?.map((i, d) => (((i + 2 * p[d] - dilation[d] * (k[d] - 1) - 1) % s[d]) + s[d]) % s[d]);
    if (op?.some((a) => a > 0)) fields.push(['outputPadding', op]);
    return fields;
  }
  const target = integerList(nodeAt(root, ['expect', 'outputShape']));
  const full = target && expandShape(dims, target);
  if (full && spatial && full.slice(2).every((t, d) => t >= spatial[d])) {
    // (in − 1)·stride + kernel = target, with stride ⌊target / in⌋ and so kernel ≥ stride (kernel = stride for a multiple).
    const stride = full.slice(2).map((t, d) => Math.floor(t / spatial[d]));
    const kernel = full.slice(2).map((t, d) => t - (spatial[d] - 1) * stride[d]);
    const fields: LayerFields = [];
    if (channels !== undefined && full[1] !== channels) fields.push(['outChannels', full[1]]);
    fields.push(['kernelSize', kernel], ['stride', stride]);
    return fields;
  }
  return [
    ['kernelSize', twos],
    ['stride', twos],
  ];
}

export function emptyLayersFix(root: JsonNode, layers: JsonNode): Fix[] {
  if (layers.type !== 'array' || itemCount(layers) !== 0) return [];
  const dimsValue = nodeAt(root, ['dims'])?.value as unknown;
  const dims: Dims = dimsValue === 1 || dimsValue === 3 ? dimsValue : 2;
  const fields = layerFor(root, dims);
  const layer = `{ ${fields
    .map(([key, v]) => `${JSON.stringify(key)}: ${typeof v === 'number' ? String(v) : valueText(v)}`)
    .join(', ')} }`;
  return [{ title: l10n.t('Add the layer {0}', layer), edits: [replaceEdit(layers, `[${layer}]`)], isPreferred: true }];
}
