/**
 * The other frameworks' padding on a layer: ONNX `pads` / `autoPad` / `outputShape`, Keras `"same"` / `"valid"`
 * and `trim`. Resolves them per axis (engine/paddingModes.ts), reports what a framework would refuse on the token
 * to change, and gives the PyTorch layer (padding, output_padding) plus the slice that computes the same.
 */
import * as l10n from '@vscode/l10n';
import {
  axisNames,
  convAxisPads,
  torchEquivalentTransposed,
  transposedAxisPads,
  transposedCanvas,
  type AxisPads,
  type ConvParams,
  type DimCalc,
  type PaddingMode,
  type TorchEquivalent,
} from '../engine';
import type { Fix, TextEdit } from './diagnostics';
import { replaceEdit, type Span } from './edits';
import { formatList } from './format';
import { capitalize, layerLabel } from './labels';
import type { LayerSpecModel, NodeRef } from './model';
import { expandPerDim } from './planParams';
import type { LayerPadding } from './plan';
import type { LayerRequest } from './layerRequest';
import type { Reporter } from './reporter';

export interface PaddingResolution {
  /** The PyTorch layer that runs before the slice: its padding and output_padding replace the written ones. */
  readonly params: ConvParams;
  readonly padding: LayerPadding;
  /** Per axis: the output size after the padding mode and the trim, with its formula. */
  readonly dims: readonly DimCalc[];
}

/** The layer model behind a request (undefined for the paired forward convolution). */
function layerModelOf(req: LayerRequest): LayerSpecModel | undefined {
  return req.index >= 0 ? req.spec.layers[req.index] : undefined;
}

/** An edit deleting a property (its key, value and one neighbouring comma); undefined without the source text. */
function removePropertyEdit(reporter: Reporter, ref: NodeRef): TextEdit | undefined {
  const text = reporter.source?.text;
  if (text === undefined || ref.keyOffset === undefined) return undefined;
  let start = ref.keyOffset;
  let end = ref.offset + ref.length;
  let before = start;
  while (before > 0 && /\s/.test(text[before - 1])) before--;
  if (text[before - 1] === ',') start = before - 1;
  else {
    let after = end;
    while (after < text.length && /\s/.test(text[after])) after++;
    if (text[after] === ',') {
      after++;
      while (after < text.length && /[ \t]/.test(text[after])) after++;
      end = after;
    }
  }
  return { offset: start, length: end - start, newText: '' };
}

function keyName(ref: NodeRef): string {
  return String(ref.path[ref.path.length - 1]);
}

function removeFix(reporter: Reporter, ref: NodeRef, preferred = true): Fix[] {
  const edit = removePropertyEdit(reporter, ref);
  return edit ? [{ title: l10n.t('Remove "{0}"', keyName(ref)), edits: [edit], isPreferred: preferred }] : [];
}

/** Two written fields that say the same thing two ways: the error goes on the one written second. */
function conflict(
  reporter: Reporter,
  a: { ref: NodeRef } | undefined,
  b: { ref: NodeRef } | undefined,
  why: string,
  extraFixes: (second: NodeRef, first: NodeRef) => Fix[] = () => [],
): boolean {
  if (!a || !b) return false;
  const [first, second] = a.ref.offset <= b.ref.offset ? [a.ref, b.ref] : [b.ref, a.ref];
  const span: Span =
    second.keyOffset !== undefined ? { offset: second.keyOffset, length: second.keyLength ?? 0 } : second;
  reporter.report(
    'padding-conflict',
    l10n.t('"{0}" and "{1}" both set this layer\'s padding: {2}', keyName(first), keyName(second), why),
    span,
    {
      fixes: [...extraFixes(second, first), ...removeFix(reporter, second, extraFixes(second, first).length === 0)],
      related: [{ offset: first.offset, length: first.length, message: l10n.t('the other one') }],
    },
  );
  return true;
}

/** Reports the conflicting combinations; true when there was one. */
function reportConflicts(req: LayerRequest, model: LayerSpecModel | undefined, reporter: Reporter): boolean {
  const f = req.fields;
  const autoPad = f.autoPad && f.autoPad.value !== 'NOTSET' ? f.autoPad : undefined;
  const symmetricPads = (): number[] | null => {
    const pads = f.pads?.value;
    if (!pads || pads.length !== 2 * req.spec.dims) return null;
    const half = pads.slice(0, req.spec.dims);
    return half.every((v, d) => v === pads[d + req.spec.dims]) ? half : null;
  };
  let found = false;
  found ||= conflict(
    reporter,
    f.padding,
    f.pads,
    l10n.t('"pads" is ONNX\'s begin/end padding, "padding" PyTorch\'s symmetric one; keep one.'),
    (second) => {
      const sym = symmetricPads();
      if (!sym || !f.padding || keyName(second) !== 'pads') return [];
      const remove = removePropertyEdit(reporter, second);
      if (!remove) return [];
      const text = sym.every((v) => v === sym[0]) ? String(sym[0]) : formatList(sym);
      return [
        {
          title: l10n.t('Write the symmetric pads as "padding": {0}', text),
          edits: [replaceEdit(f.padding.ref, text), remove],
          isPreferred: true,
        },
      ];
    },
  );
  found ||= conflict(
    reporter,
    autoPad,
    f.pads,
    l10n.t('ONNX computes the pads from auto_pad {0} and ignores explicit ones; keep one.', String(autoPad?.value)),
  );
  found ||= conflict(
    reporter,
    autoPad,
    f.padding,
    l10n.t('auto_pad {0} computes the padding; keep one.', String(autoPad?.value)),
  );
  for (const other of [f.pads, f.autoPad, model?.outputShape])
    found ||= conflict(
      reporter,
      f.kerasPadding,
      other,
      l10n.t(
        'padding "{0}" is Keras\' rule; ONNX\'s fields describe another one. Keep one.',
        String(f.kerasPadding?.value),
      ),
    );
  for (const other of [f.padding, f.pads])
    found ||= conflict(
      reporter,
      model?.outputShape,
      other,
      l10n.t('ONNX derives the pads from output_shape; keep one.'),
    );
  return found;
}

function modeFor(req: LayerRequest, model: LayerSpecModel | undefined, d: number, params: ConvParams): PaddingMode {
  const f = req.fields;
  const dims = req.spec.dims;
  if (model?.outputShape && req.kind === 'convTranspose')
    return { kind: 'outputShape', size: model.outputShape.value[d], autoPad: f.autoPad?.value ?? 'NOTSET' };
  if (f.kerasPadding) return { kind: 'keras', padding: f.kerasPadding.value };
  if (f.autoPad && f.autoPad.value !== 'NOTSET') return { kind: 'autoPad', autoPad: f.autoPad.value };
  if (f.pads) return { kind: 'pads', begin: f.pads.value[d], end: f.pads.value[d + dims] };
  if (f.autoPad) return { kind: 'autoPad', autoPad: 'NOTSET' };
  return { kind: 'torch', padding: params.padding[d] };
}

/** "begin … end" without its "= out" tail, for a formula continued by the trim. */
const withoutResult = (text: string) => text.replace(/ = -?\d+$/, '');

/**
 * The layer's padding mode resolved, undefined when it has none (plain PyTorch padding), or null when it cannot
 * be planned (reported).
 */
export function resolvePaddingMode(
  req: LayerRequest,
  kernel: readonly number[],
  params: ConvParams,
  reporter: Reporter,
): PaddingResolution | null | undefined {
  const f = req.fields;
  const model = layerModelOf(req);
  const trim = model?.trim;
  const outputShape = req.kind === 'convTranspose' ? model?.outputShape : undefined;
  if (!f.kerasPadding && !f.pads && !f.autoPad && !outputShape && !trim) return undefined;
  if (reportConflicts(req, model, reporter)) return null;
  const dims = req.spec.dims;
  const label = layerLabel(req.spec, req.index, f);
  const axisList = axisNames(dims);
  if (f.pads && f.pads.value.length !== 2 * dims) {
    const layout = [...axisList.map((a) => `${a}_begin`), ...axisList.map((a) => `${a}_end`)].join(', ');
    reporter.report(
      'pads-length',
      l10n.t('"pads" lists {0} values; in {1}-D it is [{2}].', f.pads.value.length, dims, layout),
      f.pads.ref,
    );
    return null;
  }
  if (outputShape && outputShape.value.length !== dims) {
    reporter.report(
      'tuple-length',
      l10n.t(
        '"outputShape" lists {0} values, but this spec is {1}-D: write [{2}].',
        outputShape.value.length,
        dims,
        axisList.join(', '),
      ),
      outputShape.ref,
    );
    return null;
  }
  const trimBegin = expandPerDim(trim?.begin, dims, 0, reporter);
  const trimEnd = expandPerDim(trim?.end, dims, 0, reporter);
  if (!trimBegin || !trimEnd) return null;

  const transposed = req.kind === 'convTranspose';
  const axes = axisNames(dims);
  const keras = f.kerasPadding !== undefined;
  const writtenOp = transposed ? model?.outputPadding : undefined;
  const resolved: AxisPads[] = axes.map((axis, d) => {
    const args = {
      inSize: req.inputShape[2 + d],
      kernel: kernel[d],
      stride: params.stride[d],
      dilation: params.dilation[d],
    };
    const mode = modeFor(req, model, d, params);
    return transposed
      ? transposedAxisPads(axis, { ...args, outputPadding: keras && !writtenOp ? null : params.outputPadding[d] }, mode)
      : convAxisPads(axis, args, mode);
  });

  const modeSpan: Span = outputShape?.ref ?? f.kerasPadding?.ref ?? f.autoPad?.ref ?? f.pads?.ref ?? trim?.ref ?? f.ref;
  let fatal = false;
  resolved.forEach((a, d) => {
    if (a.rejected) {
      if (outputShape) {
        reporter.report(
          'output-shape-unreachable',
          l10n.t('{0}: {1}_out = {2} cannot be reached: {3}.', capitalize(label), a.axis, a.out, a.rejected),
          outputShape.items[d] ?? outputShape.ref,
        );
      } else {
        reporter.report(
          'keras-rejects',
          l10n.t('{0} ({1}): {2}.', capitalize(label), a.rule, a.rejected),
          writtenOp && params.outputPadding[d] >= params.stride[d]
            ? (writtenOp.items[d] ?? writtenOp.ref)
            : (f.kerasPadding?.ref ?? modeSpan),
        );
      }
      fatal = true;
    } else if (a.out <= 0) {
      reporter.report(
        'output-size-nonpositive',
        l10n.t('{0}: {1}_out = {2} ({3}).', capitalize(label), a.axis, a.substituted, a.rule),
        modeSpan,
      );
      fatal = true;
    } else if (a.out - trimBegin[d] - trimEnd[d] <= 0) {
      reporter.report(
        'trim-too-large',
        l10n.t(
          '{0}: trim removes {1} + {2} of {3}_out = {4}, leaving nothing.',
          capitalize(label),
          trimBegin[d],
          trimEnd[d],
          a.axis,
          a.out,
        ),
        trim?.ref ?? modeSpan,
      );
      fatal = true;
    }
  });
  if (fatal) return null;

  const trimmed = trimBegin.some((t) => t > 0) || trimEnd.some((t) => t > 0);
  const final = resolved.map((a, d) => a.out - trimBegin[d] - trimEnd[d]);
  const begin = resolved.map((a, d) => a.begin + (transposed ? trimBegin[d] : 0));
  const end = resolved.map((a, d) => a.end + (transposed ? trimEnd[d] : 0));
  let torch: TorchEquivalent;
  let inputPad: LayerPadding['inputPad'] = null;
  if (transposed) {
    const canvas = resolved.map((_, d) =>
      transposedCanvas({
        inSize: req.inputShape[2 + d],
        kernel: kernel[d],
        stride: params.stride[d],
        dilation: params.dilation[d],
      }),
    );
    torch = torchEquivalentTransposed(begin, end, params.stride, params.dilation, canvas);
  } else {
    const symmetric = resolved.every((a) => a.begin === a.end);
    inputPad = symmetric ? null : { begin: resolved.map((a) => a.begin), end: resolved.map((a) => a.end) };
    torch = {
      exact: symmetric && !trimmed,
      padding: symmetric ? resolved.map((a) => a.begin) : resolved.map(() => 0),
      outputPadding: resolved.map(() => 0),
      slice: trimmed ? final.map((size, d) => ({ start: trimBegin[d], stop: trimBegin[d] + size })) : null,
      padAfter: null,
    };
  }
  const torchParams: ConvParams = { ...params, padding: [...torch.padding], outputPadding: [...torch.outputPadding] };
  const calcs: DimCalc[] = resolved.map((a, d) => ({
    axis: a.axis,
    inSize: req.inputShape[2 + d],
    kernel: kernel[d],
    stride: params.stride[d],
    padding: torchParams.padding[d],
    dilation: params.dilation[d],
    outputPadding: torchParams.outputPadding[d],
    out: final[d],
    formula: trimmed ? `${a.formula} − trim_begin − trim_end` : a.formula,
    substituted: trimmed
      ? `${withoutResult(a.substituted)} − ${trimBegin[d]} − ${trimEnd[d]} = ${final[d]}`
      : a.substituted,
  }));
  return {
    params: torchParams,
    dims: calcs,
    padding: {
      rule: resolved[0].rule,
      axes: resolved,
      trimBegin,
      trimEnd,
      begin,
      end,
      torch,
      inputPad,
    },
  };
}
