/**
 * JAX: the whole chain on an NCHW array `h` with lax primitives, which take every padding directly: a (before,
 * after) pair per axis, negative to crop. Transposed layers are lax.conv_general_dilated with the stride as
 * lhs_dilation and the flipped, in/out-swapped kernel; pools lax.reduce_window (−∞ padding for max, the window sum
 * over PyTorch's count for average); upsample jnp.repeat / jnp.take; pad lax.pad; crop a slice.
 */
import * as l10n from '@vscode/l10n';
import { effectiveKernel, formatShape } from '../../../engine';
import type { ChainOpPlan } from '../../../specFile/planOp';
import type { CodeSnippet } from '../../../webviewProtocol';
import { numpyAssertLines } from '../assertions';
import { convWindow } from '../convWindow';
import { pyNested, pyNumber, pyTuple } from '../pythonText';
import type { ChainModel, ChainStep } from './chainModel';
import { INPUT_ID } from './chainModel';
import { numpyTensorLines } from './numpySources';
import { LINEAR_TAPS_DEF, NEAREST_INDEX_DEF, scaleText } from './resampleHelpers';
import type { AxisResample } from './kerasGraph';

const pairsText = (pairs: readonly (readonly [number, number])[]) =>
  `[${pairs.map(([a, b]) => `(${a}, ${b})`).join(', ')}]`;

const ones = (n: number) => new Array<number>(n).fill(1);

function biasLine(step: ChainStep, dims: number): string[] {
  if (!step.plan.biasShape) return [];
  return [`h = h + jnp.asarray(params["${step.id}.bias"]).reshape(${['1', '-1', ...ones(dims)].join(', ')})`];
}

function convLines(step: ChainStep, dims: number): string[] {
  const plan = step.plan;
  const p = plan.params;
  const window = convWindow(plan);
  const weight = `params["${step.id}.weight"]`;
  if (plan.kind === 'convTranspose') {
    const pads = plan.weightShape.slice(2).map((k, d) => {
      const full = effectiveKernel(k, p.dilation[d]) - 1;
      return [full - window.begin[d], full - window.end[d]] as const;
    });
    return [
      'h = lax.conv_general_dilated(',
      '    h,',
      `    transposed_kernel(${weight}, ${p.groups}),`,
      `    window_strides=${pyTuple(ones(dims))},`,
      `    padding=${pairsText(pads)},  # dilation·(k − 1) minus the rows dropped at each end`,
      `    lhs_dilation=${pyTuple(p.stride)},`,
      `    rhs_dilation=${pyTuple(p.dilation)},`,
      '    dimension_numbers=DN,',
      `    feature_group_count=${p.groups},`,
      ')',
      ...biasLine(step, dims),
    ];
  }
  const trimmed = window.trimBegin.some((t) => t > 0) || window.trimEnd.some((t) => t > 0);
  const out = plan.outputShape.slice(2);
  return [
    'h = lax.conv_general_dilated(',
    '    h,',
    `    jnp.asarray(${weight}),`,
    `    window_strides=${pyTuple(p.stride)},`,
    `    padding=${pairsText(window.begin.map((b, d) => [b, window.end[d]] as const))},`,
    `    rhs_dilation=${pyTuple(p.dilation)},`,
    '    dimension_numbers=DN,',
    `    feature_group_count=${p.groups},`,
    ')',
    ...biasLine(step, dims),
    ...(trimmed
      ? [
          `h = h[:, :, ${out.map((n, d) => `${window.trimBegin[d]}:${window.trimBegin[d] + n}`).join(', ')}]  # the trim`,
        ]
      : []),
  ];
}

function poolLines(step: ChainStep, op: ChainOpPlan & { kind: 'maxPool' | 'avgPool' }, dims: number): string[] {
  const spatial = step.plan.inputShape.slice(2);
  const out = step.plan.outputShape.slice(2);
  const max = op.kind === 'maxPool';
  const dilation = max ? op.dilation : ones(dims);
  const endPads = spatial.map((n, d) =>
    Math.max((out[d] - 1) * op.stride[d] + dilation[d] * (op.kernel[d] - 1) + 1 - n - op.padding[d], 0),
  );
  const window = pyTuple([1, 1, ...op.kernel]);
  const strides = pyTuple([1, 1, ...op.stride]);
  const pads = pairsText([[0, 0], [0, 0], ...op.padding.map((p, d) => [p, endPads[d]] as const)]);
  if (max)
    return [
      `h = lax.reduce_window(h, jnp.array(-jnp.inf, h.dtype), lax.max, ${window}, ${strides}, ${pads}, window_dilation=${pyTuple([1, 1, ...dilation])})`,
    ];
  const sum = `lax.reduce_window(h, jnp.array(0, h.dtype), lax.add, ${window}, ${strides}, ${pads})`;
  const kernelSize = op.kernel.reduce((a, b) => a * b, 1);
  if (op.countIncludePad && endPads.every((e, d) => e <= op.padding[d]))
    return [`h = ${sum} / ${kernelSize}  # ${l10n.t('count_include_pad: the whole window')}`];
  // PyTorch divides by the window's part inside the input, plus the padding (up to `padding`) when it counts it.
  const counted = op.padding.map((p, d): [number, number] =>
    op.countIncludePad ? [p, Math.min(p, endPads[d])] : [0, 0],
  );
  const rest = op.padding.map((p, d) => [p - counted[d][0], endPads[d] - counted[d][1]] as const);
  return [
    `counted = jnp.pad(jnp.ones(${pyTuple(spatial)}, h.dtype), ${pairsText(counted)}, constant_values=1)  # ${l10n.t('what PyTorch divides by')}`,
    `count = lax.reduce_window(counted, jnp.array(0, h.dtype), lax.add, ${pyTuple(op.kernel)}, ${pyTuple(op.stride)}, ${pairsText(rest)})`,
    `h = ${sum} / count`,
  ];
}

function resampleLines(axes: readonly AxisResample[], op: ChainOpPlan & { kind: 'upsample' }, dims: number): string[] {
  if (op.mode === 'nearest')
    return axes.map(
      (a) => `h = jnp.take(h, nearest_index(${a.inSize}, ${a.outSize}, ${scaleText(a)}), axis=${a.axis + 2})`,
    );
  return axes.flatMap((a) => [
    `i0, i1, w1 = linear_taps(${a.inSize}, ${a.outSize}, ${scaleText(a)}, align_corners=${op.alignCorners ? 'True' : 'False'})`,
    `w1 = jnp.asarray(w1.reshape(${['-1', ...ones(dims - 1 - a.axis)].join(', ')}), h.dtype)`,
    `h = jnp.take(h, i0, axis=${a.axis + 2}) * (1 - w1) + jnp.take(h, i1, axis=${a.axis + 2}) * w1`,
  ]);
}

function upsampleLines(step: ChainStep, op: ChainOpPlan & { kind: 'upsample' }, dims: number): string[] {
  const spatial = step.plan.inputShape.slice(2);
  const out = step.plan.outputShape.slice(2);
  const factors = op.scaleFactor;
  if (op.mode === 'nearest' && factors && factors.every((f) => Number.isInteger(f)))
    return factors.flatMap((f, d) => (f === 1 ? [] : [`h = jnp.repeat(h, ${f}, axis=${d + 2})`]));
  const axes: AxisResample[] = spatial
    .map((n, d) => ({
      axis: d,
      inSize: n,
      outSize: out[d],
      scale: op.alignCorners
        ? null
        : factors
          ? { numerator: 1, denominator: factors[d] }
          : { numerator: n, denominator: out[d] },
    }))
    .filter((a) => a.inSize !== a.outSize || op.alignCorners);
  return resampleLines(axes, op, dims);
}

function stepLines(step: ChainStep, dims: number): string[] {
  const op = step.plan.op;
  if (!op) return convLines(step, dims);
  switch (op.kind) {
    case 'maxPool':
    case 'avgPool':
      return poolLines(step, op, dims);
    case 'upsample':
      return upsampleLines(step, op, dims);
    case 'pad': {
      const n = op.pads.length / 2;
      const config = [[0, 0], [0, 0], ...op.pads.slice(0, n).map((b, d) => [b, op.pads[n + d]])]
        .map(([b, e]) => `(${b}, ${e}, 0)`)
        .join(', ');
      return [
        `h = lax.pad(h, jnp.array(${pyNumber(op.value)}, h.dtype), [${config}])  # ${l10n.t('negative pads crop')}`,
      ];
    }
    case 'crop': {
      const out = step.plan.outputShape.slice(2);
      return [`h = h[:, :, ${op.begin.map((b, d) => `${b}:${b + out[d]}`).join(', ')}]`];
    }
    case 'concat':
      return [`h = jnp.concatenate([h, ${step.skip?.id}], axis=1)`];
    case 'add':
      return [`h = h + ${step.skip?.id}`];
  }
}

const TRANSPOSED_KERNEL_DEF = [
  'def transposed_kernel(w, groups):',
  `    """${l10n.t("PyTorch's ConvTranspose weight (in, out/groups, k…) as the equivalent convolution's kernel (out, in/groups, k…), flipped.")}"""`,
  '    c_in, c_out_g, *k = w.shape',
  '    w = w.reshape(groups, c_in // groups, c_out_g, *k).swapaxes(1, 2).reshape(groups * c_out_g, c_in // groups, *k)',
  '    return jnp.asarray(np.flip(w, axis=tuple(range(2, w.ndim))))',
];

function dimensionNumbers(dims: number): string {
  if (dims === 3) return '("NCDHW", "OIDHW", "NCDHW")';
  return dims === 1 ? '("NCH", "OIH", "NCH")' : '("NCHW", "OIHW", "NCHW")';
}

export function jaxChainSnippet(m: ChainModel): CodeSnippet {
  const body: string[] = ['h = jnp.asarray(x)'];
  if (m.inputKept) body.push(`${INPUT_ID} = h`);
  for (const step of m.steps) {
    body.push(`# ${step.label}: ${formatShape(step.plan.outputShape)}`, ...stepLines(step, m.dims));
    if (step.kept) body.push(`${step.id} = h  # ${l10n.t('kept for the skip connection')}`);
  }
  const uses = (text: string) => body.some((l) => l.includes(text));
  const helpers = [
    ...(uses('transposed_kernel(') ? [TRANSPOSED_KERNEL_DEF] : []),
    ...(uses('nearest_index(') ? [NEAREST_INDEX_DEF] : []),
    ...(uses('linear_taps(') ? [LINEAR_TAPS_DEF] : []),
  ].flatMap((def) => ['', '', ...def]);
  const code = [
    'import numpy as np',
    'import jax',
    ...(m.dtype === 'float64' ? ['jax.config.update("jax_enable_x64", True)'] : []),
    'import jax.numpy as jnp',
    'from jax import lax',
    '',
    `# ${m.title ? `${m.title}: ` : ''}${formatShape(m.inputShape)} → ${formatShape(m.outputShape)}`,
    ...numpyTensorLines(m, true),
    `DN = ${dimensionNumbers(m.dims)}`,
    ...(helpers.length > 0 ? [...helpers, '', ''] : []),
    ...body,
    'y = np.asarray(h)',
    `assert y.shape == ${pyTuple(m.outputShape)}`,
    ...(m.expected ? numpyAssertLines('y', pyNested(m.expected), m.dtype, m.approximate) : []),
  ].join('\n');
  const notes = [
    l10n.t(
      'lax takes a (before, after) padding pair per axis, negative to crop, so every padding mode is written directly; a transposed layer is conv_general_dilated with the stride as lhs_dilation and the flipped kernel.',
    ),
  ];
  return { framework: 'jax', title: 'JAX', language: 'python', code: `${code}\n`, notes };
}
