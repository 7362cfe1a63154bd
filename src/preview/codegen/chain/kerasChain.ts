/** TensorFlow / Keras: the whole chain (kerasGraph.ts) run eagerly on a channels-last tensor `h`. */
import * as l10n from '@vscode/l10n';
import { formatShape } from '../../../engine';
import type { CodeSnippet } from '../../../webviewProtocol';
import { numpyAssertLines } from '../assertions';
import { commentLines, pyNested, pyNumber, pyTuple } from '../pythonText';
import type { ChainModel } from './chainModel';
import { INPUT_ID } from './chainModel';
import { kerasGraph, type KerasOp, type Pairs } from './kerasGraph';
import { numpyTensorLines } from './numpySources';
import { LINEAR_TAPS_DEF, NEAREST_INDEX_DEF, scaleText } from './resampleHelpers';

interface Layout {
  readonly suffix: string;
  readonly toChannelsLast: string;
  readonly toChannelsFirst: string;
  readonly kernelAxes: string;
}

function layoutOf(dims: 1 | 2 | 3): Layout {
  if (dims === 1)
    return { suffix: '1D', toChannelsLast: '(0, 2, 1)', toChannelsFirst: '(0, 2, 1)', kernelAxes: '(2, 1, 0)' };
  if (dims === 3)
    return {
      suffix: '3D',
      toChannelsLast: '(0, 2, 3, 4, 1)',
      toChannelsFirst: '(0, 4, 1, 2, 3)',
      kernelAxes: '(2, 3, 4, 1, 0)',
    };
  return { suffix: '2D', toChannelsLast: '(0, 2, 3, 1)', toChannelsFirst: '(0, 3, 1, 2)', kernelAxes: '(2, 3, 1, 0)' };
}

/** Keras' ZeroPadding / Cropping argument: (b, e) in 1-D, ((b, e), …) otherwise. */
function pairsArg(p: Pairs): string {
  const items = p.map(([b, e]) => `(${b}, ${e})`);
  return items.length === 1 ? items[0] : `(${items.join(', ')})`;
}

/** tf.pad's paddings over (N, …spatial, C). */
function tfPaddings(p: Pairs): string {
  return `[[0, 0], ${p.map(([b, e]) => `[${b}, ${e}]`).join(', ')}, [0, 0]]`;
}

const valueText = (v: number) => (v === -Infinity ? '-np.inf' : v === Infinity ? 'np.inf' : pyNumber(v));

function convArgs(op: KerasOp & { kind: 'conv' }, m: ChainModel): string {
  const p = op.step.plan.params;
  const kernel = op.step.plan.weightShape.slice(2);
  return [
    `filters=${op.groups > 1 ? op.filters / op.groups : op.filters}`,
    `kernel_size=${pyTuple(kernel)}`,
    `strides=${pyTuple(p.stride)}`,
    `padding="${op.padding}"`,
    ...(op.transposed && op.outputPadding ? [`output_padding=${pyTuple(op.outputPadding)}`] : []),
    `dilation_rate=${pyTuple(p.dilation)}`,
    ...(!op.transposed && p.groups > 1 ? [`groups=${p.groups}`] : []),
    `use_bias=${op.useBias ? 'True' : 'False'}`,
    `dtype="${m.dtype}"`,
  ].join(', ');
}

function opLines(op: KerasOp, m: ChainModel, layout: Layout): string[] {
  const dtype = `dtype="${m.dtype}"`;
  const layer = (name: string) => `tf.keras.layers.${name}${layout.suffix}`;
  switch (op.kind) {
    case 'conv': {
      const cls = `tf.keras.layers.Conv${layout.suffix}${op.transposed ? 'Transpose' : ''}`;
      if (op.groups > 1)
        return [`h = grouped_transpose(lambda: ${cls}(${convArgs(op, m)}), h, "${op.step.id}", ${op.groups})`];
      return [`h = conv_layer(${cls}(${convArgs(op, m)}), h, "${op.step.id}")`];
    }
    case 'zeroPad':
      return [`h = ${layer('ZeroPadding')}(${pairsArg(op.pads)}, ${dtype})(h)`];
    case 'crop':
      return [`h = ${layer('Cropping')}(${pairsArg(op.crops)}, ${dtype})(h)`];
    case 'constantPad':
      return [`h = tf.pad(h, ${tfPaddings(op.pads)}, constant_values=${valueText(op.value)})`];
    case 'addBias':
      return [`h = h + params["${op.step.id}.bias"]  # ${l10n.t('the rows ZeroPadding appended hold the bias too')}`];
    case 'pool':
      return [
        `h = ${layer(op.max ? 'MaxPooling' : 'AveragePooling')}(pool_size=${pyTuple(op.pool)}, strides=${pyTuple(op.strides)}, padding="${op.padding}", ${dtype})(h)`,
      ];
    case 'dilatedMax':
      return op.kernel.flatMap((k, d) => [
        `starts = np.arange(${op.outSizes[d]}) * ${op.strides[d]}`,
        `h = tf.reduce_max(tf.stack([tf.gather(h, starts + i * ${op.dilation[d]}, axis=${d + 1}) for i in range(${k})]), axis=0)`,
      ]);
    case 'avgCounted': {
      const rest: Pairs = op.pads.map(([b, e], d) => [b - op.counted[d][0], e - op.counted[d][1]] as const);
      return [
        `pool = ${layer('AveragePooling')}(pool_size=${pyTuple(op.pool)}, strides=${pyTuple(op.strides)}, padding="valid", ${dtype})`,
        `counted = tf.pad(tf.ones_like(h[..., :1]), ${tfPaddings(op.counted)}, constant_values=1)  # ${l10n.t('what PyTorch divides by')}`,
        `count = pool(tf.pad(counted, ${tfPaddings(rest)}))`,
        `h = pool(tf.pad(h, ${tfPaddings(op.pads)})) / count`,
      ];
    }
    case 'upsampling': {
      const size = m.dims === 1 ? String(op.size[0]) : pyTuple(op.size);
      const interpolation = m.dims === 2 ? `, interpolation="${op.interpolation}"` : '';
      return [`h = ${layer('UpSampling')}(size=${size}${interpolation}, ${dtype})(h)`];
    }
    case 'nearest':
      return op.axes.map(
        (a) => `h = tf.gather(h, nearest_index(${a.inSize}, ${a.outSize}, ${scaleText(a)}), axis=${a.axis + 1})`,
      );
    case 'linear':
      return op.axes.flatMap((a) => {
        const trailing = ['-1', ...new Array<string>(m.dims - a.axis).fill('1')].join(', ');
        return [
          `i0, i1, w1 = linear_taps(${a.inSize}, ${a.outSize}, ${scaleText(a)}, align_corners=${op.alignCorners ? 'True' : 'False'})`,
          `w1 = w1.reshape(${trailing}).astype(dtype)`,
          `h = tf.gather(h, i0, axis=${a.axis + 1}) * (1 - w1) + tf.gather(h, i1, axis=${a.axis + 1}) * w1`,
        ];
      });
    case 'concat':
      return [`h = tf.keras.layers.Concatenate(axis=-1, ${dtype})([h, ${op.with}])`];
    case 'add':
      return [`h = tf.keras.layers.Add(${dtype})([h, ${op.with}])`];
  }
}

function helperLines(ops: readonly KerasOp[], layout: Layout): string[] {
  const has = (kind: KerasOp['kind']) => ops.some((o) => o.kind === kind);
  const lines: string[] = [];
  const def = (body: string[]) => lines.push('', '', ...body);
  if (has('conv'))
    def([
      `KERNEL_AXES = ${layout.kernelAxes}  # ${l10n.t("PyTorch's (out, in, k…) / (in, out, k…) → Keras' (k…, in, out) / (k…, out, in)")}`,
      '',
      '',
      'def conv_layer(layer, h, name):',
      `    """${l10n.t("Builds the Keras layer on h, loads PyTorch's weight (and bias) in Keras' layout, applies it.")}"""`,
      '    layer.build(h.shape)',
      '    weights = [np.transpose(params[name + ".weight"], KERNEL_AXES)]',
      '    if layer.use_bias:',
      '        weights.append(params[name + ".bias"])',
      '    layer.set_weights(weights)',
      '    return layer(h)',
    ]);
  if (ops.some((o) => o.kind === 'conv' && o.groups > 1))
    def([
      'def grouped_transpose(make_layer, h, name, groups):',
      `    """${l10n.t("Keras' ConvTranspose has no groups: one layer per group of input channels, the outputs concatenated.")}"""`,
      '    kernels = np.split(np.transpose(params[name + ".weight"], KERNEL_AXES), groups, axis=-1)',
      '    inputs = tf.split(h, groups, axis=-1)',
      '    parts = []',
      '    for g in range(groups):',
      '        layer = make_layer()',
      '        layer.build(inputs[g].shape)',
      '        weights = [kernels[g]]',
      '        if layer.use_bias:',
      '            weights.append(np.split(params[name + ".bias"], groups)[g])',
      '        layer.set_weights(weights)',
      '        parts.append(layer(inputs[g]))',
      '    return tf.concat(parts, axis=-1)',
    ]);
  if (has('nearest')) def(NEAREST_INDEX_DEF);
  if (has('linear')) def(LINEAR_TAPS_DEF);
  return lines.length > 0 ? [...lines, '', ''] : [];
}

export function kerasChainSnippet(m: ChainModel): CodeSnippet {
  const layout = layoutOf(m.dims);
  const graph = kerasGraph(m);
  const ops = graph.flatMap((s) => s.ops);
  const body: string[] = [`h = np.transpose(x, ${layout.toChannelsLast})  # ${l10n.t('Keras keeps channels last')}`];
  if (m.inputKept) body.push(`${INPUT_ID} = h`);
  for (const s of graph) {
    body.push(`# ${s.step.label}: ${formatShape(s.step.plan.outputShape)}`);
    // Where Keras' own layer cannot express it: why, above the explicit equivalent.
    if (s.note) body.push(...commentLines(s.note));
    for (const op of s.ops) body.push(...opLines(op, m, layout));
    if (s.step.kept) body.push(`${s.step.id} = h  # ${l10n.t('kept for the skip connection')}`);
  }
  const code = [
    'import numpy as np',
    'import tensorflow as tf',
    '',
    `# ${m.title ? `${m.title}: ` : ''}${formatShape(m.inputShape)} → ${formatShape(m.outputShape)}`,
    ...numpyTensorLines(m, true),
    ...helperLines(ops, layout),
    ...body,
    `y = np.transpose(np.asarray(h), ${layout.toChannelsFirst})`,
    `assert y.shape == ${pyTuple(m.outputShape)}`,
    ...(m.expected ? numpyAssertLines('y', pyNested(m.expected), m.dtype, m.approximate) : []),
  ].join('\n');
  const notes = [
    l10n.t(
      "Keras keeps channels last: x and y are transposed at the ends, and each kernel goes from PyTorch's layout to Keras' in conv_layer.",
    ),
    ...(graph.some((s) => s.note)
      ? [l10n.t("Where Keras' own layer cannot express a layer exactly, a comment above its code says why.")]
      : []),
  ];
  return { framework: 'tensorflow', title: 'TensorFlow / Keras', language: 'python', code: `${code}\n`, notes };
}
