/**
 * The whole chain as Keras operations on a channels-last tensor `h` (as data: the TensorFlow snippet prints them, the
 * tests run them with TensorFlow.js). Keras' own layers wherever they express the PyTorch layer exactly; where they
 * cannot, the op says so and does the same with TensorFlow ops:
 *   conv / convTranspose  Conv{n}D / Conv{n}DTranspose with Keras' padding (kerasPadding.ts), ZeroPadding / Cropping
 *   maxPool               MaxPooling{n}D "valid" or "same"; other padding: tf.pad with −∞; dilation: strided gathers
 *   avgPool               AveragePooling{n}D "valid", ZeroPadding + "valid" (count_include_pad), "same" (not
 *                         counting the padding); otherwise the window sum over the count of what PyTorch divides by
 *   upsample              UpSampling{n}D (integer factors, nearest; bilinear in 2-D), else gathers along each axis
 *   pad / crop            ZeroPadding / tf.pad (a value) and Cropping (negative pads)
 *   concat / add          Concatenate(axis=-1) / Add
 */
import * as l10n from '@vscode/l10n';
import { convAxisPads } from '../../../engine';
import type { ChainOpPlan } from '../../../specFile/planOp';
import { kerasPadding } from '../kerasPadding';
import type { ChainModel, ChainStep } from './chainModel';

/** Per axis (begin, end) pairs; `axis` counts spatial axes (0 = the first after N). */
export type Pairs = readonly (readonly [number, number])[];

/** How one spatial axis is resampled: PyTorch's nearest or linear source indices for `out` positions of `in`. */
export interface AxisResample {
  readonly axis: number;
  readonly inSize: number;
  readonly outSize: number;
  /** 1/scale_factor, or in/out for a size (null with align_corners, whose scale is (in − 1)/(out − 1)). */
  readonly scale: { readonly numerator: number; readonly denominator: number } | null;
}

export type KerasOp =
  | {
      readonly kind: 'conv';
      readonly step: ChainStep;
      readonly transposed: boolean;
      readonly filters: number;
      readonly padding: 'same' | 'valid';
      readonly outputPadding: readonly number[] | null;
      readonly useBias: boolean;
      /** Transposed layers with groups > 1: one Keras layer per group (Keras has no groups there). */
      readonly groups: number;
    }
  | { readonly kind: 'zeroPad'; readonly pads: Pairs }
  | { readonly kind: 'crop'; readonly crops: Pairs }
  | { readonly kind: 'constantPad'; readonly pads: Pairs; readonly value: number; readonly note?: string }
  | { readonly kind: 'addBias'; readonly step: ChainStep }
  | {
      readonly kind: 'pool';
      readonly max: boolean;
      readonly pool: readonly number[];
      readonly strides: readonly number[];
      readonly padding: 'same' | 'valid';
    }
  | {
      readonly kind: 'dilatedMax';
      readonly kernel: readonly number[];
      readonly strides: readonly number[];
      readonly dilation: readonly number[];
      readonly outSizes: readonly number[];
    }
  | {
      readonly kind: 'avgCounted';
      readonly pool: readonly number[];
      readonly strides: readonly number[];
      /** Zeros around the input for the window sums. */
      readonly pads: Pairs;
      /** The part of `pads` PyTorch counts in the divisor (count_include_pad: up to `padding` at each end). */
      readonly counted: Pairs;
    }
  | { readonly kind: 'upsampling'; readonly size: readonly number[]; readonly interpolation: 'nearest' | 'bilinear' }
  | { readonly kind: 'nearest'; readonly axes: readonly AxisResample[] }
  | { readonly kind: 'linear'; readonly axes: readonly AxisResample[]; readonly alignCorners: boolean }
  | { readonly kind: 'concat'; readonly with: string }
  | { readonly kind: 'add'; readonly with: string };

export interface KerasStepOps {
  readonly step: ChainStep;
  readonly ops: readonly KerasOp[];
  /** Why Keras' own layer is not enough here, when it is not. */
  readonly note: string | null;
}

const pairs = (begin: readonly number[], end: readonly number[]): Pairs => begin.map((b, d) => [b, end[d]] as const);
const anyNonZero = (p: Pairs) => p.some(([b, e]) => b !== 0 || e !== 0);

function convOps(step: ChainStep): KerasStepOps {
  const plan = step.plan;
  const mapping = kerasPadding(plan);
  const transposed = plan.kind === 'convTranspose';
  const groups = plan.params.groups;
  const filters = transposed ? plan.weightShape[1] * groups : plan.weightShape[0];
  const ops: KerasOp[] = [];
  if (mapping.padInput) ops.push({ kind: 'zeroPad', pads: pairs(mapping.padInput.begin, mapping.padInput.end) });
  ops.push({
    kind: 'conv',
    step,
    transposed,
    filters,
    padding: mapping.padding,
    outputPadding: transposed ? mapping.outputPadding : null,
    useBias: plan.biasShape !== null && !mapping.biasAfter,
    groups: transposed ? groups : 1,
  });
  if (mapping.zeroPadEnd)
    ops.push({
      kind: 'zeroPad',
      pads: pairs(
        mapping.zeroPadEnd.map(() => 0),
        mapping.zeroPadEnd,
      ),
    });
  if (mapping.biasAfter) ops.push({ kind: 'addBias', step });
  if (mapping.crop) ops.push({ kind: 'crop', crops: pairs(mapping.crop.begin, mapping.crop.end) });
  const unusual = mapping.padInput !== null || mapping.zeroPadEnd !== null || mapping.crop !== null;
  return { step, ops, note: unusual ? mapping.explanation : null };
}

/** TensorFlow's SAME padding of a pooling window: (begin, end) per axis and its output size. */
function samePool(inSize: number, kernel: number, stride: number) {
  const pads = convAxisPads('x', { inSize, kernel, stride, dilation: 1 }, { kind: 'keras', padding: 'same' });
  return { begin: pads.begin, end: pads.end, out: pads.out };
}

function poolOps(step: ChainStep, op: ChainOpPlan & { kind: 'maxPool' | 'avgPool' }): KerasStepOps {
  const plan = step.plan;
  const spatial = plan.inputShape.slice(2);
  const outSizes = plan.outputShape.slice(2);
  const max = op.kind === 'maxPool';
  const dilation = max ? op.dilation : op.kernel.map(() => 1);
  // The zeros (or −∞) PyTorch's windows reach: `padding` at the start, up to the last window's end at the end.
  const endPads = spatial.map((n, d) =>
    Math.max((outSizes[d] - 1) * op.stride[d] + dilation[d] * (op.kernel[d] - 1) + 1 - n - op.padding[d], 0),
  );
  const pads = pairs(op.padding, endPads);
  const valid = { kind: 'pool', max, pool: op.kernel, strides: op.stride, padding: 'valid' } as const;
  if (dilation.some((d) => d !== 1)) {
    return {
      step,
      ops: [
        ...(anyNonZero(pads) ? [{ kind: 'constantPad', pads, value: -Infinity } as const] : []),
        { kind: 'dilatedMax', kernel: op.kernel, strides: op.stride, dilation, outSizes },
      ],
      note: l10n.t(
        "Keras' MaxPooling has no dilation: the snippet pads with −∞ and takes the maximum of the dilated taps, gathered with the stride along each axis.",
      ),
    };
  }
  if (!anyNonZero(pads)) return { step, ops: [valid], note: null };
  const same = spatial.map((n, d) => samePool(n, op.kernel[d], op.stride[d]));
  const sameMatches = same.every((s, d) => s.begin === op.padding[d] && s.end === endPads[d] && s.out === outSizes[d]);
  if (max) {
    if (sameMatches) return { step, ops: [{ ...valid, padding: 'same' }], note: null };
    return {
      step,
      ops: [{ kind: 'constantPad', pads, value: -Infinity }, valid],
      note: l10n.t(
        'Keras\' MaxPooling pads only as "same" does: the snippet pads with −∞ (which never wins, as PyTorch\'s padding) and pools "valid".',
      ),
    };
  }
  if (op.countIncludePad && endPads.every((e, d) => e <= op.padding[d]))
    return {
      step,
      ops: [{ kind: 'zeroPad', pads: pairs(op.padding, op.padding) }, valid],
      note: l10n.t('count_include_pad: the zeros count in the average, as ZeroPadding then padding="valid" does.'),
    };
  if (!op.countIncludePad && sameMatches)
    return {
      step,
      ops: [{ ...valid, padding: 'same' }],
      note: l10n.t('count_include_pad=False is TensorFlow\'s padding="same": the padding is not counted.'),
    };
  const counted = op.countIncludePad
    ? pairs(
        op.padding,
        op.padding.map((p, d) => Math.min(p, endPads[d])),
      )
    : pairs(
        op.padding.map(() => 0),
        op.padding.map(() => 0),
      );
  return {
    step,
    ops: [{ kind: 'avgCounted', pool: op.kernel, strides: op.stride, pads, counted }],
    note: l10n.t(
      'Keras\' AveragePooling divides by the whole window ("valid") or by what lies in the input ("same"); PyTorch\'s divisor here differs, so the snippet divides the window sums by the count of what PyTorch counts.',
    ),
  };
}

function upsampleOps(step: ChainStep, op: ChainOpPlan & { kind: 'upsample' }): KerasStepOps {
  const plan = step.plan;
  const spatial = plan.inputShape.slice(2);
  const outSizes = plan.outputShape.slice(2);
  const factors = op.scaleFactor;
  const integral = factors !== undefined && factors.every((f) => Number.isInteger(f) && f >= 1);
  if (op.mode === 'nearest' && integral && factors)
    return { step, ops: [{ kind: 'upsampling', size: factors, interpolation: 'nearest' }], note: null };
  if (op.mode === 'bilinear' && !op.alignCorners && integral && factors)
    return { step, ops: [{ kind: 'upsampling', size: factors, interpolation: 'bilinear' }], note: null };
  const axes: AxisResample[] = spatial
    .map((n, d) => ({
      axis: d,
      inSize: n,
      outSize: outSizes[d],
      scale: op.alignCorners
        ? null
        : factors
          ? { numerator: 1, denominator: factors[d] }
          : { numerator: n, denominator: outSizes[d] },
    }))
    .filter((a) => a.inSize !== a.outSize || op.alignCorners);
  return {
    step,
    ops: [op.mode === 'nearest' ? { kind: 'nearest', axes } : { kind: 'linear', axes, alignCorners: op.alignCorners }],
    note:
      op.mode === 'nearest'
        ? l10n.t(
            "Keras' UpSampling repeats by integer factors only: the snippet gathers PyTorch's nearest source rows (⌊j·in/out⌋) along each axis.",
          )
        : l10n.t(
            "Keras' UpSampling has no align_corners, no size and no linear mode outside 2-D: the snippet interpolates PyTorch's source positions along each axis.",
          ),
  };
}

function padOps(step: ChainStep, op: ChainOpPlan & { kind: 'pad' }): KerasStepOps {
  const n = op.pads.length / 2;
  const begin = op.pads.slice(0, n);
  const end = op.pads.slice(n);
  const grow = pairs(
    begin.map((b) => Math.max(b, 0)),
    end.map((e) => Math.max(e, 0)),
  );
  const shrink = pairs(
    begin.map((b) => Math.max(-b, 0)),
    end.map((e) => Math.max(-e, 0)),
  );
  const ops: KerasOp[] = [];
  if (anyNonZero(shrink)) ops.push({ kind: 'crop', crops: shrink });
  if (anyNonZero(grow))
    ops.push(op.value === 0 ? { kind: 'zeroPad', pads: grow } : { kind: 'constantPad', pads: grow, value: op.value });
  return {
    step,
    ops,
    note: anyNonZero(shrink)
      ? l10n.t('Negative pads remove rows: Cropping does that part.')
      : op.value !== 0
        ? l10n.t('ZeroPadding pads with zeros only: tf.pad takes the value.')
        : null,
  };
}

function stepOps(step: ChainStep): KerasStepOps {
  const op = step.plan.op;
  if (!op) return convOps(step);
  switch (op.kind) {
    case 'maxPool':
    case 'avgPool':
      return poolOps(step, op);
    case 'upsample':
      return upsampleOps(step, op);
    case 'pad':
      return padOps(step, op);
    case 'crop':
      return { step, ops: [{ kind: 'crop', crops: pairs(op.begin, op.end) }], note: null };
    case 'concat':
      return { step, ops: [{ kind: 'concat', with: step.skip?.id ?? '' }], note: null };
    case 'add':
      return { step, ops: [{ kind: 'add', with: step.skip?.id ?? '' }], note: null };
  }
}

export function kerasGraph(m: ChainModel): KerasStepOps[] {
  return m.steps.map(stepOps);
}
