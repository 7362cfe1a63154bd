/** PyTorch's rejections of one layer, each reported on the token to change, with PyTorch's own words appended. */
import * as l10n from '@vscode/l10n';
import { axisNames, type ConvParams, type ConvProblem, type DimCalc } from '../engine';
import type { Fix } from './diagnostics';
import { replaceEdit, type Span } from './edits';
import { formatAnd, formatList, sentences } from './format';
import { capitalize, layerAnchor, layerLabel } from './labels';
import type { ConvFieldsModel, IntOrTupleField } from './model';
import type { KernelLayout } from './planTensors';
import { related, type Reporter } from './reporter';
import type { LayerRequest } from './layerRequest';

/** Text for per-dimension values: a scalar when all agree and the field was a scalar or absent. */
export function perDimText(values: readonly number[], field: IntOrTupleField | undefined): string {
  const uniform = values.every((v) => v === values[0]);
  return uniform && (!field || typeof field.value === 'number') ? String(values[0]) : formatList(values);
}

/** The token for dimension d of a per-dimension field: its item when written as a list, else the whole value. */
export function dimSpan(field: IntOrTupleField | undefined, d: number, fallback: Span): Span {
  if (!field) return fallback;
  return field.items.length > d ? field.items[d] : field.ref;
}

/** "PyTorch: <PyTorch's own message, quoted untranslated>." */
export function pytorchSays(message: string): string {
  return l10n.t('PyTorch: {0}.', message);
}

export function pytorchSuffix(problems: readonly ConvProblem[], code: ConvProblem['code']): string {
  const problem = problems.find((p) => p.code === code);
  return problem ? pytorchSays(problem.message) : '';
}

/**
 * PyTorch's channel message quotes the weight's full shape. When the spec did not write it (inChannels,
 * outChannels and kernelSize imply it), say so: the user never wrote "[256, 64, 4, 4]".
 */
function channelSuffix(problems: readonly ConvProblem[], weight: readonly number[], written: boolean): string {
  const problem = problems.find((p) => p.code === 'channel-mismatch');
  if (!problem) return '';
  return written
    ? pytorchSays(problem.message)
    : l10n.t('PyTorch, with the implied kernel {0}: {1}.', formatList(weight), problem.message);
}

export function checkChannels(
  req: LayerRequest,
  weight: readonly number[],
  layout: KernelLayout | undefined,
  groups: number,
  problems: readonly ConvProblem[],
  reporter: Reporter,
): void {
  const { fields, kind, origin } = req;
  const isTransposed = kind === 'convTranspose';
  const label = layerLabel(req.spec, req.index, fields);
  const incoming = req.inputShape[1];
  const wIn = isTransposed ? weight[0] : weight[1] * groups;
  const wOut = isTransposed ? weight[1] * groups : weight[0];
  const pytorch = channelSuffix(problems, weight, layout?.full === true);
  if (req.inChannels && req.inChannels.value !== incoming) {
    reporter.report(
      'channel-mismatch',
      sentences(
        l10n.t('{0} declares inChannels {1}, but {2}.', capitalize(label), req.inChannels.value, origin.message),
        pytorch,
      ),
      req.inChannels.ref,
      {
        fixes: [
          {
            title: l10n.t('Set inChannels to {0}', incoming),
            edits: [replaceEdit(req.inChannels.ref, String(incoming))],
            isPreferred: true,
          },
        ],
        related: [related(origin.span, origin.message)],
      },
    );
  } else if (wIn !== incoming) {
    const channelAxis = isTransposed ? 0 : 1;
    const items = layout?.full ? layout.written.items : undefined;
    const at: Span = items
      ? items[channelAxis]
      : (layout?.written.ref ?? req.sharedWeight?.span ?? layerAnchor(fields));
    const replacement = isTransposed ? incoming : incoming / groups;
    const fixes: Fix[] =
      items && !fields.kernel?.data && Number.isInteger(replacement)
        ? [
            {
              title: l10n.t("Set the kernel's {0} to {1}", isTransposed ? 'C_in' : 'C_in/groups', replacement),
              edits: [replaceEdit(items[channelAxis], String(replacement))],
              isPreferred: true,
            },
          ]
        : [];
    const capitalLabel = capitalize(label);
    const shape = formatList(weight);
    let message: string;
    if (req.sharedWeight && !layout) {
      const owner = req.sharedWeight.owner;
      message =
        wIn === 1
          ? l10n.t(
              '{0} uses {1} {2}, which takes 1 input channel, but {3}.',
              capitalLabel,
              owner,
              shape,
              origin.message,
            )
          : l10n.t(
              '{0} uses {1} {2}, which takes {3} input channels, but {4}.',
              capitalLabel,
              owner,
              shape,
              wIn,
              origin.message,
            );
    } else {
      message =
        wIn === 1
          ? l10n.t("{0}'s kernel {1} takes 1 input channel, but {2}.", capitalLabel, shape, origin.message)
          : l10n.t("{0}'s kernel {1} takes {2} input channels, but {3}.", capitalLabel, shape, wIn, origin.message);
    }
    reporter.report('channel-mismatch', sentences(message, pytorch), at, {
      fixes,
      related: [related(origin.span, origin.message)],
    });
  }
  if (fields.outChannels && fields.outChannels.value !== wOut) {
    const kernelSpan = layout?.written.ref ?? req.sharedWeight?.span;
    reporter.report(
      'channel-mismatch',
      l10n.t(
        '{0} declares outChannels {1}, but its kernel {2} gives {3} ({4}).',
        capitalize(label),
        fields.outChannels.value,
        formatList(weight),
        wOut,
        isTransposed ? 'C_out = weight[1] × groups' : 'C_out = weight[0]',
      ),
      fields.outChannels.ref,
      {
        fixes: [
          {
            title: l10n.t('Set outChannels to {0}', wOut),
            edits: [replaceEdit(fields.outChannels.ref, String(wOut))],
            isPreferred: true,
          },
        ],
        related: kernelSpan ? [related(kernelSpan, l10n.t('the kernel that decides it'))] : [],
      },
    );
  }
}

export function reportOutputPadding(
  req: LayerRequest,
  params: ConvParams,
  problem: ConvProblem,
  reporter: Reporter,
): void {
  const field = req.outputPadding;
  const axes = axisNames(req.spec.dims);
  const limit = (d: number) => Math.max(params.stride[d], params.dilation[d]);
  const corrected = params.outputPadding.map((op, d) => Math.min(op, limit(d) - 1));
  const badDims = problem.dims ?? [];
  const spans =
    field && field.items.length > 0
      ? badDims.map((d) => ({ d, span: field.items[d] }))
      : [{ d: badDims[0] ?? 0, span: field?.ref ?? layerAnchor(req.fields) }];
  const perItem = field !== undefined && field.items.length > 0;
  for (const { d, span } of spans) {
    const axis = req.spec.dims >= 2 && (perItem || !field) ? axes[d] : undefined;
    const edit = perItem
      ? replaceEdit(span, String(corrected[d]))
      : field
        ? replaceEdit(field.ref, perDimText(corrected, field))
        : undefined;
    const op = params.outputPadding[d];
    const tooLarge =
      axis !== undefined
        ? l10n.t(
            'outputPadding {0} ({1}) is too large: it must be smaller than max(stride {2}, dilation {3}) = {4}, since a larger one would add rows no input reaches.',
            op,
            axis,
            params.stride[d],
            params.dilation[d],
            limit(d),
          )
        : l10n.t(
            'outputPadding {0} is too large: it must be smaller than max(stride {1}, dilation {2}) = {3}, since a larger one would add rows no input reaches.',
            op,
            params.stride[d],
            params.dilation[d],
            limit(d),
          );
    const title =
      axis !== undefined
        ? l10n.t('Set outputPadding to {0} ({1})', corrected[d], axis)
        : l10n.t('Set outputPadding to {0}', corrected[d]);
    reporter.report('output-padding-range', sentences(tooLarge, pytorchSays(problem.message)), span, {
      fixes: edit ? [{ title, edits: [edit], isPreferred: true }] : [],
    });
  }
}

/**
 * The largest padding per dimension that leaves a transposed layer at least one row:
 * (in − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1 ≥ 1.
 */
function largestPadding(req: LayerRequest, kernel: readonly number[], params: ConvParams): number[] {
  return kernel.map((k, d) =>
    Math.floor(
      ((req.inputShape[2 + d] - 1) * params.stride[d] + params.dilation[d] * (k - 1) + params.outputPadding[d]) / 2,
    ),
  );
}

/** A transposed layer's padding, set to the largest that leaves every dimension marked by `span` a row. */
function paddingFix(req: LayerRequest, span: Span, largest: readonly number[]): Fix[] {
  const field = req.fields.padding;
  if (!field) return [];
  const d = field.items.findIndex((item) => item === span);
  // A scalar padding stands for every dimension: it must fit the tightest one.
  const value = d >= 0 ? largest[d] : Math.min(...largest);
  const title = l10n.t('Set padding to {0}, the largest that leaves an output', value);
  return [{ title, edits: [replaceEdit(span, String(value))], isPreferred: true }];
}

export function reportNonPositive(
  req: LayerRequest,
  calcs: readonly DimCalc[],
  problem: ConvProblem,
  reporter: Reporter,
  kernel: readonly number[],
  params: ConvParams,
): void {
  const isTransposed = req.kind === 'convTranspose';
  const field = isTransposed ? req.fields.padding : (req.fields.kernelSize ?? req.fields.padding);
  const why = isTransposed
    ? l10n.t('the padding crops away more than the transposed convolution produces')
    : l10n.t('the kernel is larger than the padded input');
  // A scalar field stands for every dimension: one diagnostic for all of them.
  const groups = new Map<Span, DimCalc[]>();
  for (const d of problem.dims ?? [0]) {
    const span = dimSpan(field, d, layerAnchor(req.fields));
    groups.set(span, [...(groups.get(span) ?? []), calcs[d]]);
  }
  for (const [span, dims] of groups) {
    const sizes = formatAnd(dims.map((c) => `${c.axis} = ${c.out}`));
    const formulas = dims.map((c) => `${c.axis}_out = ${c.substituted}`).join('; ');
    reporter.report(
      'output-size-nonpositive',
      sentences(
        l10n.t(
          '{0} would output {1}: {2} ({3}).',
          capitalize(layerLabel(req.spec, req.index, req.fields)),
          sizes,
          why,
          formulas,
        ),
        pytorchSays(problem.message),
      ),
      span,
      { fixes: isTransposed ? paddingFix(req, span, largestPadding(req, kernel, params)) : [] },
    );
  }
}

/**
 * Sizes and kernel offsets are computed in float64, whose integers are exact only up to 2⁵³. While every term
 * of the size formula ((in − 1)·stride, 2·padding, dilation·(kernel − 1), output_padding) stays within 2⁵¹,
 * their sums stay exact; beyond, a size can come out wrong (dilation 2⁵² with padding 2⁵² − 1 gave a 3×3
 * output whose paired convolution computed to 0 rows), Infinity or NaN (stride 1e308 with padding 1e308).
 */
export const EXACT_TERM_LIMIT = 2 ** 51;

type TermOwner = 'stride' | 'padding' | 'dilation' | 'kernelSize' | 'outputPadding' | 'input';

/** "stride 1e308 is far too large": one whole message per hyperparameter, for translators. */
function farTooLarge(owner: Exclude<TermOwner, 'input'>, value: number): string {
  switch (owner) {
    case 'kernelSize':
      return l10n.t('the kernel size {0} is far too large', value);
    case 'stride':
      return l10n.t('stride {0} is far too large', value);
    case 'padding':
      return l10n.t('padding {0} is far too large', value);
    case 'dilation':
      return l10n.t('dilation {0} is far too large', value);
    case 'outputPadding':
      return l10n.t('outputPadding {0} is far too large', value);
  }
}

/**
 * True (reported as size-cap, on the hyperparameter responsible) when a term of the layer's size formula
 * leaves the range where float64 is exact: such a layer is not planned, so no wrong size or NaN follows.
 */
export function reportInexactSizes(
  req: LayerRequest,
  kernel: readonly number[],
  params: ConvParams,
  kernelSpan: Span,
  reporter: Reporter,
): boolean {
  const isTransposed = req.kind === 'convTranspose';
  let worst: { term: number; owner: TermOwner; d: number } | undefined;
  kernel.forEach((k, d) => {
    const inSize = req.inputShape[2 + d];
    const s = params.stride[d];
    const dilation = params.dilation[d];
    const terms: [number, TermOwner][] = [
      [isTransposed ? (inSize - 1) * s : inSize, isTransposed && s > 1 && inSize - 1 <= s ? 'stride' : 'input'],
      [2 * params.padding[d], 'padding'],
      [dilation * (k - 1), dilation >= k ? 'dilation' : 'kernelSize'],
      [isTransposed ? params.outputPadding[d] : 0, 'outputPadding'],
    ];
    for (const [term, owner] of terms) {
      if (!(term <= EXACT_TERM_LIMIT) && (!worst || term > worst.term)) worst = { term, owner, d };
    }
  });
  if (!worst) return false;
  const { owner, d } = worst;
  const axis = axisNames(req.spec.dims)[d];
  const fields = req.fields;
  const written: Record<Exclude<TermOwner, 'input'>, [IntOrTupleField | undefined, number]> = {
    stride: [fields.stride, params.stride[d]],
    padding: [fields.padding, params.padding[d]],
    dilation: [fields.dilation, params.dilation[d]],
    kernelSize: [fields.kernelSize, kernel[d]],
    outputPadding: [req.outputPadding, params.outputPadding[d]],
  };
  let cause: string;
  let at: Span;
  if (owner === 'input') {
    cause = l10n.t("its input's {0} = {1} is far too large", axis, req.inputShape[2 + d]);
    at = layerAnchor(fields);
  } else {
    const [field, value] = written[owner];
    cause = farTooLarge(owner, value);
    at = owner === 'kernelSize' && !field ? kernelSpan : dimSpan(field, d, layerAnchor(fields));
  }
  reporter.report(
    'size-cap',
    l10n.t(
      "{0}'s output {1} cannot be computed exactly: {2} (tconv computes sizes in float64, exact only up to 2⁵³); nothing was computed.",
      capitalize(layerLabel(req.spec, req.index, fields)),
      axis,
      cause,
    ),
    at,
  );
  return true;
}

export function biasSpan(fields: ConvFieldsModel): Span {
  const tensor = fields.bias?.tensor;
  return tensor?.shape?.ref ?? tensor?.data?.ref ?? fields.bias?.ref ?? layerAnchor(fields);
}
