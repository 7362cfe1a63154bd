import * as l10n from '@vscode/l10n';
import { convOutputShape, convTransposeOutputShape } from '../checks';
import { isEngineError } from '../errors';
import { normalizeParams } from '../params';
import { axisNames, roundTripOutputPadding } from '../shape';
import { formatShape, sameShape } from '../tensor';
import { prepareLayer } from './layer';
import { verificationTitle, type TransposedConvLayer, type VerificationResult, type VerifyOptions } from './types';

/**
 * (d) A forward input X (default: the layer's output shape) goes through the paired convolution and
 * back through the layer. Passed iff the shape comes back. Dumoulin & Visin's a = (X + 2p − k_eff) mod s
 * is the output_padding that would restore it; it is always < stride, so PyTorch always allows it.
 */
export function verifyRoundTrip(layer: TransposedConvLayer, options: VerifyOptions = {}): VerificationResult {
  const ctx = prepareLayer(layer, options);
  const forwardInput = [...(options.forwardInputShape ?? ctx.outputShape)];
  const kernel = ctx.weight.shape.slice(2);
  const p = ctx.params;
  const axes = axisNames(ctx.rank);
  const details: VerificationResult['details'] = {
    forwardInputShape: forwardInput,
    layerOutputPadding: [...p.outputPadding],
  };

  // a is defined per spatial dimension; a forward shape of another rank fails below with PyTorch's message.
  const spatial = forwardInput.slice(2);
  const restoring =
    spatial.length === ctx.rank
      ? spatial.map((inSize, d) =>
          roundTripOutputPadding({
            inSize,
            kernel: kernel[d],
            stride: p.stride[d],
            padding: p.padding[d],
            dilation: p.dilation[d],
          }),
        )
      : null;
  if (restoring) {
    details.restoringOutputPadding = restoring;
    details.restoringOutputPaddingAllowed = restoring.every((a, d) => a < Math.max(p.stride[d], p.dilation[d]));
    details.outputPaddingMatches = restoring.every((a, d) => a === p.outputPadding[d]);
  }
  let convShape: number[];
  let backShape: number[];
  try {
    convShape = convOutputShape(forwardInput, ctx.weight.shape, null, normalizeParams(ctx.rank, ctx.forward));
    details.convOutputShape = convShape;
    backShape = convTransposeOutputShape(convShape, ctx.weight.shape, null, p);
    details.tconvOutputShape = backShape;
  } catch (e) {
    if (!isEngineError(e)) throw e;
    details.error = e.message;
    return {
      name: 'roundTrip',
      title: verificationTitle('roundTrip'),
      passed: false,
      summary: l10n.t('{0} does not make the round trip: {1}', formatShape(forwardInput), e.message),
      details,
    };
  }
  const passed = sameShape(backShape, forwardInput);
  const trip = `${formatShape(forwardInput)} → conv → ${formatShape(convShape)} → convTranspose → ${formatShape(backShape)} ${passed ? '=' : '≠'} ${formatShape(forwardInput)}`;
  return {
    name: 'roundTrip',
    title: verificationTitle('roundTrip'),
    passed,
    summary: restoring
      ? l10n.t(
          '{0}; output_padding {1} restores it (layer has {2})',
          trip,
          axes.map((axis, d) => `${axis} ${restoring[d]}`).join(', '),
          p.outputPadding.join(', '),
        )
      : trip,
    details,
  };
}
