/**
 * JAX: PyTorch's transposed convolution as lax.conv_general_dilated — the input dilated by the stride
 * (lhs_dilation), padded by dilation·(k − 1) − padding before and that + output_padding after, correlated
 * with the kernel flipped and its in/out channels swapped — and, for groups = 1, the same via lax.conv_transpose.
 */
import * as l10n from '@vscode/l10n';
import { effectiveKernel } from '../../engine';
import type { CodeSnippet } from '../../webviewProtocol';
import { type CodeLayer, shapeLine } from './codeLayer';
import { numpyCheckLines, numpyValueLines } from './numpyValues';
import { convWindow } from './convWindow';
import { pyTuple } from './pythonText';

function dimensionNumbers(layer: CodeLayer): string {
  if (layer.rank === 3) return '("NCDHW", "OIDHW", "NCDHW")';
  return layer.rank === 1 ? '("NCH", "OIH", "NCH")' : '("NCHW", "OIHW", "NCHW")';
}

function padPairs(pairs: readonly (readonly [number, number])[]): string {
  return `[${pairs.map(([a, b]) => `(${a}, ${b})`).join(', ')}]`;
}

/**
 * Padding of the stride-dilated input: dilation·(k − 1) minus the rows the layer drops at each end (PyTorch: padding
 * at the start, padding − output_padding at the end; other frameworks' padding and a trim alike). Negative values crop.
 */
function transposedPads(layer: CodeLayer): [number, number][] {
  const p = layer.plan.params;
  const window = convWindow(layer.plan);
  return layer.kernel.map((k, d) => {
    const full = effectiveKernel(k, p.dilation[d]) - 1;
    return [full - window.begin[d], full - window.end[d]];
  });
}

/** y[..., a:b, …] for a convolution's trim, or nothing. */
function trimLines(layer: CodeLayer): string[] {
  const window = convWindow(layer.plan);
  if (window.trimBegin.every((t) => t === 0) && window.trimEnd.every((t) => t === 0)) return [];
  const slices = layer.plan.outputShape
    .slice(2)
    .map((size, d) => `${window.trimBegin[d]}:${window.trimBegin[d] + size}`);
  return [`y = y[:, :, ${slices.join(', ')}]  # the trim`];
}

/** (in, out/g, k…) → (out, in/g, k…) with the spatial axes flipped. */
function flippedKernelLine(layer: CodeLayer): string {
  const g = layer.plan.params.groups;
  const spatial = layer.kernel.map((_, d) => d);
  const flip = `[:, :, ${spatial.map(() => '::-1').join(', ')}]`;
  const k = layer.kernel.join(', ');
  if (g === 1)
    return `w_conv = w.transpose(${['1, 0', ...spatial.map((d) => d + 2)].join(', ')})${flip}  # (in, out, k…) → (out, in, k…), flipped`;
  const axes = ['0, 2, 1', ...spatial.map((d) => d + 3)].join(', ');
  return `w_conv = w.reshape(${g}, ${layer.inChannels / g}, ${layer.outChannels / g}, ${k}).transpose(${axes}).reshape(${layer.outChannels}, ${layer.inChannels / g}, ${k})${flip}  # per group (in, out/g, k…) → (out, in/g, k…), flipped`;
}

/** 1, -1, then a 1 per spatial axis: the bias broadcast over (N, C, …). */
const biasShapeText = (layer: CodeLayer): string => ['1, -1', ...layer.kernel.map(() => '1')].join(', ');

function biasLine(layer: CodeLayer): string[] {
  if (!layer.plan.biasShape) return [];
  return [`y = y + jnp.asarray(b).reshape(${biasShapeText(layer)})`];
}

function transposedLines(layer: CodeLayer): string[] {
  const p = layer.plan.params;
  const pads = padPairs(transposedPads(layer));
  const ones = pyTuple(p.stride.map(() => 1));
  const lines = [
    flippedKernelLine(layer),
    'y = lax.conv_general_dilated(',
    '    jnp.asarray(x),',
    '    jnp.asarray(w_conv),',
    `    window_strides=${ones},`,
    `    padding=${pads},  # dilation·(k − 1) minus the rows dropped at each end`,
    `    lhs_dilation=${pyTuple(p.stride)},  # the stride`,
    `    rhs_dilation=${pyTuple(p.dilation)},`,
    `    dimension_numbers=${dimensionNumbers(layer)},`,
    `    feature_group_count=${p.groups},`,
    ')',
    ...biasLine(layer),
  ];
  if (p.groups === 1) {
    lines.push(
      '# The same with lax.conv_transpose: transpose_kernel=True flips w and swaps its in/out axes.',
      'y_t = lax.conv_transpose(',
      '    jnp.asarray(x),',
      '    jnp.asarray(w),',
      `    strides=${pyTuple(p.stride)},`,
      `    padding=${pads},`,
      `    rhs_dilation=${pyTuple(p.dilation)},`,
      `    dimension_numbers=${dimensionNumbers(layer)},`,
      '    transpose_kernel=True,',
      ')',
      ...(layer.plan.biasShape ? [`y_t = y_t + jnp.asarray(b).reshape(${biasShapeText(layer)})`] : []),
      'assert np.allclose(np.asarray(y_t), np.asarray(y))',
    );
  }
  return lines;
}

function forwardLines(layer: CodeLayer): string[] {
  const p = layer.plan.params;
  const window = convWindow(layer.plan);
  const pads = window.begin.map((b, d) => [b, window.end[d]] as [number, number]);
  return [
    'y = lax.conv_general_dilated(',
    '    jnp.asarray(x),',
    '    jnp.asarray(w),',
    `    window_strides=${pyTuple(p.stride)},`,
    `    padding=${padPairs(pads)},`,
    `    rhs_dilation=${pyTuple(p.dilation)},`,
    `    dimension_numbers=${dimensionNumbers(layer)},`,
    `    feature_group_count=${p.groups},`,
    ')',
    ...biasLine(layer),
    ...trimLines(layer),
  ];
}

export function jaxSnippet(layer: CodeLayer): CodeSnippet {
  const code = [
    'import numpy as np',
    'import jax',
    ...(layer.dtype === 'float64' ? ['jax.config.update("jax_enable_x64", True)'] : []),
    'import jax.numpy as jnp',
    'from jax import lax',
    '',
    `# ${layer.label}: ${shapeLine(layer)}`,
    ...numpyValueLines(layer),
    ...(layer.transposed ? transposedLines(layer) : forwardLines(layer)),
    'y = np.asarray(y)',
    ...numpyCheckLines(layer, 'y'),
  ].join('\n');
  const notes = layer.transposed
    ? [
        l10n.t(
          "lax.conv_general_dilated with lhs_dilation = stride is the transposed convolution; its kernel is PyTorch's with in/out swapped and the spatial axes flipped.",
        ),
        l10n.t(
          'Explicit padding pairs are dilation·(k − 1) − padding before and that plus output_padding after; they go negative (crop) when padding > dilation·(k − 1).',
        ),
        ...(layer.plan.params.groups > 1
          ? [l10n.t('lax.conv_transpose has no feature_group_count; grouped layers need conv_general_dilated.')]
          : []),
      ]
    : [
        l10n.t(
          "lax.conv_general_dilated takes PyTorch's weight layout with dimension_numbers OIHW; padding pairs are PyTorch's padding on both sides.",
        ),
      ];
  if (layer.plan.padding)
    notes.push(
      l10n.t(
        'JAX takes a (before, after) pair per axis, so {0} is written directly: no PyTorch equivalent is needed.',
        layer.plan.padding.rule,
      ),
    );
  return { framework: 'jax', title: 'JAX', language: 'python', code: `${code}\n`, notes };
}
