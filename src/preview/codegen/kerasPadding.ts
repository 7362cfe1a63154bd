/**
 * A convolution layer's padding in Keras terms, exactly (values, not only shapes), from the window every framework
 * keeps (convWindow.ts):
 *   - written as Keras padding="same" / "valid" (with its output_padding): that, as written;
 *   - transposed: padding="valid" or "same" when Keras' own rule gives the same window (TensorFlow's SAME crops
 *     ⌊total/2⌋ at the start), else padding="valid" with output_padding for the rows appended below the stride,
 *     ZeroPadding for more (the bias then added after it), and Cropping for the rows dropped;
 *   - convolution: padding="valid" or "same" when the zeros added match, else ZeroPadding then "valid";
 *   - a trim: Cropping after the layer.
 */
import * as l10n from '@vscode/l10n';
import { axisNames, convAxisPads, transposedAxisPads, type KerasPaddingName } from '../../engine';
import type { LayerPlan } from '../../specFile';
import { convWindow, writtenPadding } from './convWindow';

export interface KerasPadding {
  readonly padding: KerasPaddingName;
  /** Keras' output_padding argument (transposed layers); null to leave it unset. */
  readonly outputPadding: readonly number[] | null;
  /** Convolution: zeros added to the input before the layer (ZeroPadding), per axis. */
  readonly padInput: { readonly begin: readonly number[]; readonly end: readonly number[] } | null;
  /** Transposed: zeros appended at the end of each axis after the layer (rows beyond what output_padding adds). */
  readonly zeroPadEnd: readonly number[] | null;
  /** The layer's bias is added after zeroPadEnd (those rows hold it in PyTorch), so the layer has use_bias=False. */
  readonly biasAfter: boolean;
  /** Rows cropped from each end of each axis after the layer (Cropping), the trim included. */
  readonly crop: { readonly begin: readonly number[]; readonly end: readonly number[] } | null;
  readonly explanation: string;
}

const sameList = (a: readonly number[], b: readonly number[]) => a.every((v, d) => v === b[d]);
const anyPositive = (values: readonly number[]) => values.some((v) => v > 0);

function cropOf(begin: readonly number[], end: readonly number[]): KerasPadding['crop'] {
  return anyPositive(begin) || anyPositive(end) ? { begin, end } : null;
}

/** Keras' own rule (output_padding unset) on a transposed layer: the window it keeps per axis. */
function kerasTransposedWindow(plan: LayerPlan, padding: KerasPaddingName) {
  const kernel = plan.weightShape.slice(2);
  const axes = axisNames(kernel.length);
  return kernel.map((k, d) =>
    transposedAxisPads(
      axes[d],
      {
        inSize: plan.inputShape[2 + d],
        kernel: k,
        stride: plan.params.stride[d],
        dilation: plan.params.dilation[d],
        outputPadding: null,
      },
      { kind: 'keras', padding },
    ),
  );
}

function transposed(plan: LayerPlan): KerasPadding {
  const written = writtenPadding(plan);
  const window = convWindow(plan);
  const none = { padInput: null, zeroPadEnd: null, biasAfter: false };
  if (written.keras) {
    return {
      ...none,
      padding: written.keras,
      outputPadding: written.outputPadding,
      crop: cropOf(written.trimBegin, written.trimEnd),
      explanation: l10n.t('The spec writes Keras\' padding="{0}": the snippet uses it as written.', written.keras),
    };
  }
  for (const padding of ['valid', 'same'] as const) {
    const keras = kerasTransposedWindow(plan, padding);
    if (keras.every((a, d) => !a.rejected && a.begin === window.begin[d] && a.end === window.end[d]))
      return {
        ...none,
        padding,
        outputPadding: null,
        crop: null,
        explanation:
          padding === 'same'
            ? l10n.t(
                'Keras\' padding="same" keeps exactly this window: the output is in·stride long and TensorFlow crops ⌊(C − out)/2⌋ at the start.',
              )
            : l10n.t('Keras\' padding="valid" keeps exactly this window: the whole canvas, nothing cropped.'),
      };
  }
  // padding="valid" with output_padding a keeps the canvas plus a rows; Keras requires a < stride.
  const appended = window.end.map((e) => Math.max(-e, 0));
  const outputPadding = appended.map((a, d) => Math.min(a, plan.params.stride[d] - 1));
  const zeroPadEnd = appended.map((a, d) => a - outputPadding[d]);
  const needsZeroPad = anyPositive(zeroPadEnd);
  return {
    padding: 'valid',
    outputPadding,
    padInput: null,
    zeroPadEnd: needsZeroPad ? zeroPadEnd : null,
    biasAfter: needsZeroPad && plan.biasShape !== null,
    crop: cropOf(
      window.begin,
      window.end.map((e) => Math.max(e, 0)),
    ),
    explanation: needsZeroPad
      ? l10n.t(
          'Neither padding="same" nor "valid" keeps this window: padding="valid" keeps the whole canvas C = (in − 1)·stride + dilation·(kernel − 1) + 1, output_padding adds rows up to stride − 1 (Keras\' limit), ZeroPadding the rest (the bias is added after it, as those rows hold it in PyTorch), and Cropping drops the rows at each end.',
        )
      : l10n.t(
          'Neither padding="same" nor "valid" keeps this window: padding="valid" keeps the whole canvas C = (in − 1)·stride + dilation·(kernel − 1) + 1 plus output_padding, and Cropping drops the rows at each end.',
        ),
  };
}

function forward(plan: LayerPlan): KerasPadding {
  const written = writtenPadding(plan);
  const window = convWindow(plan);
  const trim = cropOf(window.trimBegin, window.trimEnd);
  const base = { outputPadding: null, zeroPadEnd: null, biasAfter: false, crop: trim };
  if (written.keras)
    return {
      ...base,
      padding: written.keras,
      padInput: null,
      explanation: l10n.t('The spec writes Keras\' padding="{0}": the snippet uses it as written.', written.keras),
    };
  if (!anyPositive(window.begin) && !anyPositive(window.end))
    return { ...base, padding: 'valid', padInput: null, explanation: l10n.t('No padding: Keras\' padding="valid".') };
  const kernel = plan.weightShape.slice(2);
  const axes = axisNames(kernel.length);
  const same = kernel.map((k, d) =>
    convAxisPads(
      axes[d],
      {
        inSize: plan.inputShape[2 + d],
        kernel: k,
        stride: plan.params.stride[d],
        dilation: plan.params.dilation[d],
      },
      { kind: 'keras', padding: 'same' },
    ),
  );
  if (
    sameList(
      same.map((a) => a.begin),
      window.begin,
    ) &&
    sameList(
      same.map((a) => a.end),
      window.end,
    )
  )
    return {
      ...base,
      padding: 'same',
      padInput: null,
      explanation: l10n.t(
        'Keras\' padding="same" adds exactly these zeros: total = max((⌈in/stride⌉ − 1)·stride + k − in, 0), the odd one at the end.',
      ),
    };
  return {
    ...base,
    padding: 'valid',
    padInput: { begin: window.begin, end: window.end },
    explanation: l10n.t(
      'Keras\' padding="same" would pad differently: ZeroPadding adds the zeros before the layer, then padding="valid".',
    ),
  };
}

export function kerasPadding(plan: LayerPlan): KerasPadding {
  return plan.kind === 'convTranspose' ? transposed(plan) : forward(plan);
}
