/** Shape-level expectations about a layer's output: expect.outputShape, expect.outputSize, the nesting of expect.output. */
import * as l10n from '@vscode/l10n';
import { outputPaddingFor, sameShape, type DimArgs } from '../engine';
import { replaceEdit, type Span } from './edits';
import { formatDims, formatList, formatPath } from './format';
import type { ExpectModel, IntOrTupleField, LayerSpecModel, SpecModel } from './model';
import { describeNestingProblem, findNestingProblem, inferNesting } from './nesting';
import { opChannelText, opSizeAdvice } from './opText';
import { setOutputPaddingFix } from './outputPaddingFix';
import type { LayerPlan } from './plan';
import { expandPerDim } from './planParams';
import { related, type Reporter } from './reporter';
import { describeShapeForms, expandShape, shortenShape } from './shorthand';

export interface ExpectContext {
  readonly spec: SpecModel;
  readonly expect: ExpectModel;
  /** The layer whose output the expectation is about. */
  readonly layer: LayerPlan;
  /** Its model when it is a chain layer (not the forward convolution), for outputPadding fixes. */
  readonly layerModel?: LayerSpecModel;
  /** "the output of layer 2", "the final output" (translated) */
  readonly subject: string;
}

function dimSpan(field: IntOrTupleField, d: number): Span {
  return field.items.length > d ? field.items[d] : field.ref;
}

export function dimArgs(layer: LayerPlan, d: number): DimArgs {
  return {
    inSize: layer.inputShape[2 + d],
    kernel: layer.weightShape[2 + d],
    stride: layer.params.stride[d],
    padding: layer.params.padding[d],
    dilation: layer.params.dilation[d],
  };
}

/** Why each entry of the computed shape is what it is, for the entries that differ from `wanted`. */
function explainShape(layer: LayerPlan, wanted: readonly number[]): string {
  const computed = layer.outputShape;
  const reasons: string[] = [];
  if (wanted[0] !== computed[0]) reasons.push(l10n.t('N = {0} comes from the input', computed[0]));
  if (wanted[1] !== computed[1] && layer.op) {
    reasons.push(opChannelText({ ...layer, op: layer.op }));
  } else if (wanted[1] !== computed[1]) {
    reasons.push(
      l10n.t(
        'C_out = {0} comes from the kernel {1} ({2})',
        computed[1],
        formatList(layer.weightShape),
        layer.kind === 'convTranspose' ? 'weight[1] × groups' : 'weight[0]',
      ),
    );
  }
  layer.dims.forEach((calc, d) => {
    if (wanted[2 + d] !== computed[2 + d]) reasons.push(`${calc.axis}_out = ${calc.substituted}`);
  });
  return reasons.join('; ');
}

function checkOutputShape(ctx: ExpectContext, reporter: Reporter): void {
  const field = ctx.expect.outputShape;
  if (!field) return;
  const { dims } = ctx.spec;
  const computed = ctx.layer.outputShape;
  const full = expandShape(dims, field.value);
  if (!full) {
    const message =
      field.value.length === 1
        ? l10n.t(
            '{0} has 1 dimension; a {1}-D shape is {2}.',
            formatPath(field.ref.path),
            dims,
            describeShapeForms(dims),
          )
        : l10n.t(
            '{0} has {1} dimensions; a {2}-D shape is {3}.',
            formatPath(field.ref.path),
            field.value.length,
            dims,
            describeShapeForms(dims),
          );
    reporter.report('shape-rank', message, field.ref);
    return;
  }
  if (sameShape(full, computed)) return;
  const shown = shortenShape(computed, field.value.length) ?? computed;
  const differing =
    field.value.length === shown.length ? shown.flatMap((v, i) => (v !== field.value[i] ? [i] : [])) : [];
  const at = differing.length === 1 ? field.items[differing[0]] : field.ref;
  reporter.report(
    'expected-shape',
    l10n.t(
      'Expected {0}, but {1} is {2}: {3}.',
      formatDims(field.value),
      ctx.subject,
      formatDims(shown),
      explainShape(ctx.layer, full),
    ),
    at,
    {
      fixes: [
        {
          title: l10n.t('Set {0} to {1}', formatPath(field.ref.path), formatList(shown)),
          edits: [replaceEdit(field.ref, formatList(shown))],
          isPreferred: true,
        },
      ],
    },
  );
}

function checkOutputSize(ctx: ExpectContext, reporter: Reporter): void {
  const field = ctx.expect.outputSize;
  if (!field) return;
  const targets = expandPerDim(field, ctx.spec.dims, 1, reporter);
  if (!targets) return;
  const { layer } = ctx;
  const spatial = layer.outputShape.slice(2);
  const differing = targets.flatMap((t, d) => (t !== spatial[d] ? [d] : []));
  if (differing.length === 0) return;
  const paddings = [...layer.params.outputPadding];
  const reachable =
    layer.kind === 'convTranspose' &&
    !layer.padding &&
    differing.every((d) => {
      const op = outputPaddingFor(dimArgs(layer, d), targets[d]);
      if (op !== null) paddings[d] = op;
      return op !== null;
    });
  const fix = reachable && ctx.layerModel ? setOutputPaddingFix(ctx.layerModel, paddings, reporter) : undefined;
  for (const d of differing) {
    const calc = layer.dims[d];
    const range = layer.outputSizeRange?.[d];
    let advice: string;
    if (layer.op) {
      advice = opSizeAdvice(layer.op);
    } else if (layer.kind !== 'convTranspose') {
      advice = l10n.t('A forward convolution has no output_padding: change stride, padding or kernelSize.');
    } else if (layer.padding) {
      advice = l10n.t('Its size follows from {0}: change that, the stride or the kernel size.', layer.padding.rule);
    } else if (reachable) {
      advice = l10n.t(
        "outputPadding {0} reaches it (PyTorch's output_size accepts {1}..{2} here).",
        paddings[d],
        String(range?.min),
        String(range?.max),
      );
    } else {
      advice = l10n.t(
        'No outputPadding reaches it: this layer can only give {0}..{1} (output_padding 0..{2}); change stride, padding or kernelSize.',
        String(range?.min),
        String(range?.max),
        (range?.max ?? 0) - (range?.min ?? 0),
      );
    }
    reporter.report(
      'target-size',
      l10n.t(
        '{0} asks for {1} = {2}, but {3} has {1} = {4} ({1}_out = {5}). {6}',
        formatPath(field.ref.path),
        calc.axis,
        targets[d],
        ctx.subject,
        calc.out,
        calc.substituted,
        advice,
      ),
      dimSpan(field, d),
      { fixes: fix ? [fix] : [] },
    );
  }
}

/** True when expect.output is present and nested exactly like the computed output, so its values can be compared. */
function checkOutputNesting(ctx: ExpectContext, reporter: Reporter): boolean {
  const data = ctx.expect.output;
  if (!data) return false;
  const label = formatPath(data.ref.path);
  const computed = ctx.layer.outputShape;
  const inferred = inferNesting(data);
  if (inferred.problem) {
    const at = reporter.refAt([...data.ref.path, ...inferred.problem.mark], data.ref);
    reporter.report(
      'data-shape',
      l10n.t('{0} is ragged: {1}', label, describeNestingProblem(label, inferred.problem, inferred.shape, false)),
      at,
    );
    return false;
  }
  const full = expandShape(ctx.spec.dims, inferred.shape);
  if (full && sameShape(full, computed)) return true;
  const target = shortenShape(computed, inferred.shape.length);
  const problem = target ? findNestingProblem(data, target) : null;
  const written = formatDims(inferred.shape);
  const shown = formatDims(target ?? computed);
  if (target && problem) {
    const at = reporter.refAt([...data.ref.path, ...problem.mark], data.ref);
    const why = describeNestingProblem(label, problem, target, true);
    reporter.report(
      'expected-shape',
      l10n.t('{0} is {1}, but {2} is {3}: {4}', label, written, ctx.subject, shown, why),
      at,
      {
        related: [related(data.ref, l10n.t('the expected output'))],
      },
    );
  } else {
    reporter.report(
      'expected-shape',
      l10n.t('{0} is {1}, but {2} is {3}.', label, written, ctx.subject, shown),
      data.ref,
    );
  }
  return false;
}

/** Checks the shape-level expectations; returns true when expect.output's values can be compared. */
export function checkExpectations(ctx: ExpectContext, reporter: Reporter): boolean {
  checkOutputShape(ctx, reporter);
  checkOutputSize(ctx, reporter);
  return checkOutputNesting(ctx, reporter);
}
