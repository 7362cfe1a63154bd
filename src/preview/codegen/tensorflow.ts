/** TensorFlow / Keras: Conv{1,2}DTranspose (or Conv{1,2}D) with channels-last tensors and Keras' kernel layout. */
import * as l10n from '@vscode/l10n';
import type { CodeSnippet } from '../../webviewProtocol';
import { type CodeLayer, shapeLine } from './codeLayer';
import { kernelAxesText } from '../../specFile/shorthand';
import { kerasPadding } from './kerasPadding';
import { numpyCheckLines, numpyValueLines } from './numpyValues';
import { commentLines, pyTuple } from './pythonText';

interface Layout {
  /** NumPy axes that move channels last (and back). */
  readonly toChannelsLast: string;
  readonly toChannelsFirst: string;
  /** Axes that turn a PyTorch weight into a Keras kernel. */
  readonly kernelAxes: string;
  readonly suffix: '1D' | '2D' | '3D';
}

function layoutOf(layer: CodeLayer): Layout {
  if (layer.rank === 3)
    return {
      toChannelsLast: '(0, 2, 3, 4, 1)',
      toChannelsFirst: '(0, 4, 1, 2, 3)',
      kernelAxes: '(2, 3, 4, 1, 0)',
      suffix: '3D',
    };
  return layer.rank === 1
    ? { toChannelsLast: '(0, 2, 1)', toChannelsFirst: '(0, 2, 1)', kernelAxes: '(2, 1, 0)', suffix: '1D' }
    : { toChannelsLast: '(0, 2, 3, 1)', toChannelsFirst: '(0, 3, 1, 2)', kernelAxes: '(2, 3, 1, 0)', suffix: '2D' };
}

/** ((before, after), …) per axis for Keras' Cropping/ZeroPadding layers. */
function perAxisPairs(before: readonly number[], after: readonly number[]): string {
  const pairs = before.map((b, d) => `(${b}, ${after[d]})`);
  return pairs.length === 1 ? pairs[0] : `(${pairs.join(', ')})`;
}

function layerArgs(
  layer: CodeLayer,
  filters: number,
  padding: string,
  outputPadding: readonly number[] | null,
  useBias: boolean,
): string[] {
  const p = layer.plan.params;
  return [
    `filters=${filters}`,
    `kernel_size=${pyTuple(layer.kernel)}`,
    `strides=${pyTuple(p.stride)}`,
    `padding="${padding}"`,
    ...(layer.transposed ? [`output_padding=${outputPadding ? pyTuple(outputPadding) : 'None'}`] : []),
    `dilation_rate=${pyTuple(p.dilation)}`,
    ...(!layer.transposed && p.groups > 1 ? [`groups=${p.groups}`] : []),
    `use_bias=${useBias ? 'True' : 'False'}`,
    `dtype="${layer.dtype}"`,
  ];
}

function callLines(
  cls: string,
  args: string[],
  input: string,
  kernel: string,
  bias: string | null,
  output: string,
  indent = '',
): string[] {
  const weights = bias ? `[${kernel}, ${bias}]` : `[${kernel}]`;
  return [
    `${indent}layer = tf.keras.layers.${cls}(`,
    ...args.map((a) => `${indent}    ${a},`),
    `${indent})`,
    `${indent}layer.build(${input}.shape)`,
    `${indent}layer.set_weights(${weights})`,
    `${indent}${output} = layer(${input})`,
  ];
}

/** ZeroPadding / Cropping after (or before) the layer, as the Keras padding mapping asks. */
function paddingLayerLine(
  kind: 'ZeroPadding' | 'Cropping',
  layout: Layout,
  begin: readonly number[],
  end: readonly number[],
  name: string,
): string {
  return `${name} = tf.keras.layers.${kind}${layout.suffix}(${perAxisPairs(begin, end)})(${name})`;
}

function transposedLines(layer: CodeLayer, layout: Layout): { lines: string[]; notes: string[] } {
  const groups = layer.plan.params.groups;
  const mapping = kerasPadding(layer.plan);
  const cls = `Conv${layout.suffix}Transpose`;
  const bias = layer.plan.biasShape && !mapping.biasAfter ? 'b' : null;
  const lines = [`k_tf = np.transpose(w, ${layout.kernelAxes})  # (in, out // groups, k…) → (k…, out // groups, in)`];
  const k = kernelAxesText(layer.rank);
  const notes = [
    l10n.t(
      "Keras' {0} kernel is ({1}, out_channels, in_channels): np.transpose(w, {2}) converts PyTorch's (in_channels, out_channels, {1}).",
      cls,
      k,
      layout.kernelAxes,
    ),
    mapping.explanation,
  ];
  const args = (filters: number) => layerArgs(layer, filters, mapping.padding, mapping.outputPadding, bias !== null);
  if (groups === 1) {
    lines.push(...callLines(cls, args(layer.outChannels), 'x_tf', 'k_tf', bias, 'y_tf'));
  } else {
    const perGroup = layer.inChannels / groups;
    notes.push(
      perGroup === 1
        ? l10n.t(
            "Keras' {0} has no groups argument: the snippet runs one layer per input channel and concatenates the outputs.",
            cls,
          )
        : l10n.t(
            "Keras' {0} has no groups argument: the snippet runs one layer per group of {1} input channels and concatenates the outputs.",
            cls,
            perGroup,
          ),
    );
    lines.push(
      `groups = ${groups}`,
      'xs = np.split(x_tf, groups, axis=-1)',
      'ks = np.split(k_tf, groups, axis=-1)',
      ...(bias ? ['bs = np.split(b, groups)'] : []),
      'parts = []',
      'for g in range(groups):',
      ...callLines(cls, args(layer.outChannels / groups), 'xs[g]', 'ks[g]', bias ? 'bs[g]' : null, 'part', '    '),
      '    parts.append(part)',
      'y_tf = tf.concat(parts, axis=-1)',
    );
  }
  if (mapping.zeroPadEnd || mapping.crop) lines.push(...commentLines(mapping.explanation));
  if (mapping.zeroPadEnd)
    lines.push(
      paddingLayerLine(
        'ZeroPadding',
        layout,
        mapping.zeroPadEnd.map(() => 0),
        mapping.zeroPadEnd,
        'y_tf',
      ),
    );
  if (mapping.biasAfter) lines.push(`y_tf = y_tf + b  # ${l10n.t('the rows ZeroPadding appended hold the bias too')}`);
  if (mapping.crop) lines.push(paddingLayerLine('Cropping', layout, mapping.crop.begin, mapping.crop.end, 'y_tf'));
  return { lines, notes };
}

function forwardLines(layer: CodeLayer, layout: Layout): { lines: string[]; notes: string[] } {
  const p = layer.plan.params;
  const mapping = kerasPadding(layer.plan);
  const cls = `Conv${layout.suffix}`;
  const lines = [`k_tf = np.transpose(w, ${layout.kernelAxes})  # (out, in // groups, k…) → (k…, in // groups, out)`];
  if (mapping.padInput || mapping.crop) lines.push(...commentLines(mapping.explanation));
  if (mapping.padInput)
    lines.push(paddingLayerLine('ZeroPadding', layout, mapping.padInput.begin, mapping.padInput.end, 'x_tf'));
  const bias = layer.plan.biasShape ? 'b' : null;
  lines.push(
    ...callLines(
      cls,
      layerArgs(layer, layer.outChannels, mapping.padding, null, bias !== null),
      'x_tf',
      'k_tf',
      bias,
      'y_tf',
    ),
  );
  if (mapping.crop) lines.push(paddingLayerLine('Cropping', layout, mapping.crop.begin, mapping.crop.end, 'y_tf'));
  const notes = [l10n.t("Keras' {0} kernel is (k…, in_channels // groups, out_channels).", cls), mapping.explanation];
  if (p.stride.some((s) => s > 1) && p.dilation.some((d) => d > 1))
    notes.push(l10n.t('Keras documents dilation_rate ≠ 1 as incompatible with strides ≠ 1 for this layer.'));
  return { lines, notes };
}

export function tensorflowSnippet(layer: CodeLayer): CodeSnippet {
  const layout = layoutOf(layer);
  const body = layer.transposed ? transposedLines(layer, layout) : forwardLines(layer, layout);
  const code = [
    'import numpy as np',
    'import tensorflow as tf',
    '',
    `# ${layer.label}: ${shapeLine(layer)}`,
    ...numpyValueLines(layer),
    `x_tf = np.transpose(x, ${layout.toChannelsLast})  # Keras keeps channels last`,
    ...body.lines,
    `y = np.transpose(np.asarray(y_tf), ${layout.toChannelsFirst})`,
    ...numpyCheckLines(layer, 'y'),
  ].join('\n');
  return {
    framework: 'tensorflow',
    title: 'TensorFlow / Keras',
    language: 'python',
    code: `${code}\n`,
    notes: body.notes,
  };
}
