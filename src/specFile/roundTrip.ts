/** With `forward`, input → forward → layers must give back the input's shape (d2l §14.10's "same shape" claim). */
import * as l10n from '@vscode/l10n';
import { outputPaddingFor, roundTripOutputPadding, sameShape, transposedOutputSize } from '../engine';
import type { Fix } from './diagnostics';
import { dimArgs } from './expectations';
import { formatDims, sentences } from './format';
import { layerAnchor, layerLabel } from './labels';
import type { SpecModel } from './model';
import { perDimensionText, setOutputPaddingFix } from './outputPaddingFix';
import type { ChainPlan, LayerPlan } from './plan';
import { related, type Reporter } from './reporter';

/** The single transposed layer undoes the forward convolution with the same kernel, stride, padding and dilation. */
function mirrorsForward(forward: LayerPlan, layers: readonly LayerPlan[]): boolean {
  if (layers.length !== 1 || layers[0].kind !== 'convTranspose') return false;
  const t = layers[0];
  return t.dims.every(
    (_, d) =>
      t.weightShape[2 + d] === forward.weightShape[2 + d] &&
      t.params.stride[d] === forward.params.stride[d] &&
      t.params.padding[d] === forward.params.padding[d] &&
      t.params.dilation[d] === forward.params.dilation[d],
  );
}

/** Per dimension: the output_padding that makes the last layer reach the input size, or null for a dimension it cannot reach. */
function restoringPaddings(
  forward: LayerPlan,
  layers: readonly LayerPlan[],
  target: readonly number[],
): (number | null)[] {
  const last = layers[layers.length - 1];
  const mirrored = mirrorsForward(forward, layers);
  return last.dims.map((_, d) => {
    const args = dimArgs(last, d);
    const op = mirrored ? roundTripOutputPadding(dimArgs(forward, d)) : outputPaddingFor(args, target[d]);
    if (op === null || op >= Math.max(args.stride, args.dilation)) return null;
    return transposedOutputSize({ ...args, outputPadding: op }) === target[d] ? op : null;
  });
}

export function checkRoundTrip(spec: SpecModel, plan: ChainPlan, reporter: Reporter): void {
  const forward = plan.forward;
  if (!spec.forward || !forward || !plan.complete || !plan.outputShape) return;
  const input = plan.inputShape;
  const output = plan.outputShape;
  if (sameShape(input, output)) return;
  const last = plan.layers[plan.layers.length - 1];
  const lastModel = spec.layers[last.index];
  const spatialIn = input.slice(2);
  const differing = last.dims.flatMap((_, d) => (output[2 + d] !== spatialIn[d] ? [d] : []));
  // Whole sentences, each translated on its own (joined by `sentences`).
  const parts = [
    l10n.t(
      'The round trip does not restore the input: {0} → forward → {1} → layers → {2}.',
      formatDims(input),
      formatDims(forward.outputShape),
      formatDims(output),
    ),
  ];
  for (const d of differing)
    parts.push(
      l10n.t('{0}_out = {1}, but the input has {2}.', last.dims[d].axis, last.dims[d].substituted, spatialIn[d]),
    );
  if (output[1] !== input[1]) {
    parts.push(
      output[1] === 1
        ? l10n.t('The last layer outputs 1 channel, the input has {0}.', input[1])
        : l10n.t('The last layer outputs {0} channels, the input has {1}.', output[1], input[1]),
    );
  }

  let fix: Fix | undefined;
  // ONNX / Keras padding or a trim: the size follows from that rule, which output_padding alone does not steer.
  if (last.kind === 'convTranspose' && !last.padding && differing.length > 0) {
    const paddings = restoringPaddings(forward, plan.layers, spatialIn);
    if (differing.every((d) => paddings[d] !== null)) {
      const values = last.params.outputPadding.map((op, d) => paddings[d] ?? op);
      parts.push(
        mirrorsForward(forward, plan.layers)
          ? l10n.t(
              "outputPadding {0} restores it (Dumoulin & Visin's a = (i + 2p − dilation·(k − 1) − 1) mod s).",
              perDimensionText(values),
            )
          : l10n.t('outputPadding {0} restores it.', perDimensionText(values)),
      );
      fix = setOutputPaddingFix(lastModel, values, reporter);
    } else {
      const ranges = differing
        .map((d) => `${last.dims[d].axis}: ${last.outputSizeRange?.[d].min}..${last.outputSizeRange?.[d].max}`)
        .join(', ');
      parts.push(
        l10n.t('No outputPadding can: {0} reaches only {1}.', layerLabel(spec, last.index, lastModel), ranges),
      );
    }
  }
  const field = lastModel.outputPadding;
  const at = field
    ? field.items.length > (differing[0] ?? 0)
      ? field.items[differing[0] ?? 0]
      : field.ref
    : layerAnchor(lastModel);
  reporter.report('round-trip', sentences(...parts), at, {
    fixes: fix ? [fix] : [],
    related: [
      related(
        layerAnchor(spec.forward),
        l10n.t('the forward convolution maps {0} → {1}', formatDims(input), formatDims(forward.outputShape)),
      ),
    ],
  });
}
