/** maxPool / avgPool layers: kernel, stride (the kernel size by default), padding, dilation and ceil_mode. */
import * as l10n from '@vscode/l10n';
import { axisNames, checkPool, poolDimCalc } from '../engine';
import { replaceEdit } from './edits';
import { sentences } from './format';
import { capitalize, layerAnchor, layerLabel } from './labels';
import { pytorchSays } from './layerProblems';
import { inexact, itemSpan, type OpShape } from './opShape';
import type { OpRequest } from './planOp';
import { expandPerDim } from './planParams';
import type { Reporter } from './reporter';

export function planPool(req: OpRequest, reporter: Reporter): OpShape | null {
  const { spec, layer, inputShape } = req;
  const dims = spec.dims;
  const anchor = layerAnchor(layer);
  if (!layer.kernelSize) {
    reporter.report(
      'kernel-size-missing',
      l10n.t(
        '{0} is a {1} layer, which needs "kernelSize" (e.g. 2).',
        capitalize(layerLabel(spec, layer.index, layer)),
        layer.kind,
      ),
      anchor,
    );
    return null;
  }
  const isMax = layer.kind === 'maxPool';
  const kernel = expandPerDim(layer.kernelSize, dims, 1, reporter);
  const stride = kernel && expandPerDim(layer.stride, dims, 0, reporter)?.map((s, d) => (layer.stride ? s : kernel[d]));
  const padding = expandPerDim(layer.padding, dims, 0, reporter);
  const dilation = isMax ? expandPerDim(layer.dilation, dims, 1, reporter) : new Array<number>(dims).fill(1);
  if (!kernel || !stride || !padding || !dilation) return null;
  const terms = kernel.flatMap((k, d) => [inputShape[2 + d], 2 * padding[d], dilation[d] * (k - 1), stride[d]]);
  if (inexact(req, terms, layer.kernelSize.ref, reporter)) return null;
  const ceilMode = layer.op.ceilMode?.value ?? false;
  const problems = checkPool(inputShape, { kernel, stride, padding, dilation, ceilMode });
  const axes = axisNames(dims);
  const calcs = kernel.map((k, d) =>
    poolDimCalc(
      axes[d],
      { inSize: inputShape[2 + d], kernel: k, stride: stride[d], padding: padding[d], dilation: dilation[d], ceilMode },
      isMax,
    ),
  );
  const label = capitalize(layerLabel(spec, layer.index, layer));
  for (const problem of problems) {
    const d = problem.dims?.[0] ?? 0;
    if (problem.code === 'pool-padding') {
      const limit = Math.floor(kernel[d] / 2);
      reporter.report(
        'pool-padding',
        sentences(
          l10n.t(
            '{0}: padding {1} is more than half the kernel size {2} (at most {3}).',
            label,
            padding[d],
            kernel[d],
            limit,
          ),
          pytorchSays(problem.message),
        ),
        itemSpan(layer.padding, d, anchor),
        layer.padding && layer.padding.items.length === 0
          ? {
              fixes: [
                {
                  title: l10n.t('Set padding to {0}', limit),
                  edits: [replaceEdit(layer.padding.ref, String(limit))],
                  isPreferred: true,
                },
              ],
            }
          : {},
      );
    } else {
      const formulas = (problem.dims ?? [0]).map((i) => `${calcs[i].axis}_out = ${calcs[i].substituted}`).join('; ');
      reporter.report(
        'output-size-nonpositive',
        sentences(
          l10n.t(
            '{0} would output an empty tensor: the window is larger than the padded input ({1}).',
            label,
            formulas,
          ),
          pytorchSays(problem.message),
        ),
        itemSpan(layer.kernelSize, d, anchor),
      );
    }
  }
  if (problems.length > 0) return null;
  return {
    op: {
      kind: layer.kind as 'maxPool' | 'avgPool',
      kernel,
      stride,
      padding,
      dilation,
      ceilMode,
      countIncludePad: layer.op.countIncludePad?.value ?? true,
    },
    dims: calcs,
    channels: inputShape[1],
    params: { stride, padding, dilation },
  };
}
