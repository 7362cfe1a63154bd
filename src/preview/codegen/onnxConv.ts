/**
 * A convolution layer as ONNX nodes, in ONNX's own terms: the padding attributes the spec wrote (pads, auto_pad,
 * output_shape, output_padding) as written; PyTorch or Keras padding as explicit pads (+ output_padding for the rows
 * a transposed layer appends); a trim as a Slice node after the layer (folded into a transposed layer's pads when
 * those are derived anyway).
 */
import * as l10n from '@vscode/l10n';
import type { LayerPlan } from '../../specFile';
import { convWindow, writtenPadding } from './convWindow';
import type { OnnxConstant, OnnxNode } from './onnxNodes';

export interface OnnxConvNodes {
  readonly nodes: OnnxNode[];
  readonly constants: OnnxConstant[];
  readonly notes: string[];
}

export interface OnnxConvNames {
  readonly x: string;
  readonly w: string;
  readonly b: string | null;
  readonly y: string;
  /** Prefix of the names of helper tensors (the Slice's constants, the output before it). */
  readonly prefix: string;
}

/** Slice(data, starts, ends, axes) over the spatial axes: the rows [begin, size − end) of each. */
export function sliceNodes(
  input: string,
  output: string,
  prefix: string,
  begin: readonly number[],
  end: readonly number[],
  sizes: readonly number[],
  comment: string,
): { nodes: OnnxNode[]; constants: OnnxConstant[] } {
  const names = { starts: `${prefix}starts`, ends: `${prefix}ends`, axes: `${prefix}axes` };
  const n = begin.length;
  return {
    nodes: [
      {
        op: 'Slice',
        inputs: [input, names.starts, names.ends, names.axes],
        outputs: [output],
        attributes: [],
        comment,
      },
    ],
    constants: [
      { name: names.starts, type: 'int64', dims: [n], values: [...begin] },
      { name: names.ends, type: 'int64', dims: [n], values: sizes.map((s, d) => s - end[d]) },
      { name: names.axes, type: 'int64', dims: [n], values: begin.map((_, d) => d + 2) },
    ],
  };
}

const anyNonZero = (values: readonly number[]) => values.some((v) => v !== 0);
const writtenTrim = (w: { trimBegin: readonly number[]; trimEnd: readonly number[] }) =>
  anyNonZero(w.trimBegin) || anyNonZero(w.trimEnd);

export function onnxConvNodes(plan: LayerPlan, names: OnnxConvNames): OnnxConvNodes {
  const p = plan.params;
  const transposed = plan.kind === 'convTranspose';
  const written = writtenPadding(plan);
  const window = convWindow(plan);
  const dims = p.stride.length;
  const attributes: OnnxNode['attributes'][number][] = [{ name: 'kernel_shape', value: plan.weightShape.slice(2) }];
  attributes.push({ name: 'strides', value: p.stride });
  const notes: string[] = [];
  // The trim left for a Slice after the node: a written ONNX layer keeps its attributes; a convolution always.
  let trim: { begin: readonly number[]; end: readonly number[] } | null = null;
  // Rows a transposed layer appends beyond output_padding < stride, which ONNX Runtime refuses: a Pad node adds them.
  let padAfter: readonly number[] = p.stride.map(() => 0);
  if (written.onnx) {
    if (written.autoPad !== null) attributes.push({ name: 'auto_pad', value: written.autoPad });
    if (written.pads) attributes.push({ name: 'pads', value: written.pads, comment: 'every begin, then every end' });
    if (written.outputShape)
      attributes.push({ name: 'output_shape', value: written.outputShape, comment: 'the spatial output size' });
    if (written.outputPadding) attributes.push({ name: 'output_padding', value: written.outputPadding });
    trim = { begin: written.trimBegin, end: written.trimEnd };
    notes.push(l10n.t("The spec writes ONNX's padding attributes: the node has them as written."));
  } else if (transposed && !plan.padding && p.outputPadding.every((op, d) => op < p.stride[d])) {
    attributes.push(
      { name: 'pads', value: [...p.padding, ...p.padding], comment: 'every begin, then every end' },
      { name: 'output_padding', value: p.outputPadding },
    );
    notes.push(
      l10n.t(
        "pads lists every dimension's begin, then every end; PyTorch's symmetric padding p becomes [p_H, p_W, p_H, p_W], and output_padding stays as it is.",
      ),
    );
  } else if (transposed) {
    const appended = window.end.map((e) => Math.max(-e, 0));
    const outputPadding = appended.map((a, d) => Math.min(a, p.stride[d] - 1));
    attributes.push({
      name: 'pads',
      value: [...window.begin, ...window.end.map((e) => Math.max(e, 0))],
      comment: `rows dropped from the canvas${writtenTrim(written) ? ', the trim included' : ''}: every begin, then every end`,
    });
    if (anyNonZero(outputPadding))
      attributes.push({ name: 'output_padding', value: outputPadding, comment: 'rows appended at the end' });
    padAfter = appended.map((a, d) => a - outputPadding[d]);
    notes.push(
      plan.padding
        ? l10n.t(
            'pads are the rows {0} (and any trim) drops from the canvas (in − 1)·stride + dilation·(kernel − 1) + 1 at each end; output_padding the rows it appends.',
            plan.padding.rule,
          )
        : l10n.t(
            "pads lists every dimension's begin, then every end; PyTorch's symmetric padding p becomes [p_H, p_W, p_H, p_W].",
          ),
    );
  } else {
    attributes.push({ name: 'pads', value: [...window.begin, ...window.end], comment: 'every begin, then every end' });
    trim = { begin: window.trimBegin, end: window.trimEnd };
    notes.push(
      l10n.t(
        "pads lists every dimension's begin, then every end; PyTorch's symmetric padding p becomes [p_H, p_W, p_H, p_W].",
      ),
    );
  }
  attributes.push({ name: 'dilations', value: p.dilation }, { name: 'group', value: p.groups });
  if (anyNonZero(padAfter)) return withPadAfter(plan, names, attributes, padAfter, notes);
  const sliced = trim !== null && (anyNonZero(trim.begin) || anyNonZero(trim.end));
  const convOut = sliced ? `${names.prefix}untrimmed` : names.y;
  const node: OnnxNode = {
    op: transposed ? 'ConvTranspose' : 'Conv',
    inputs: [names.x, names.w, ...(names.b ? [names.b] : [])],
    outputs: [convOut],
    attributes,
  };
  if (!sliced || !trim) return { nodes: [node], constants: [], notes };
  const before = plan.outputShape.slice(2).map((s, d) => s + trim.begin[d] + trim.end[d]);
  const slice = sliceNodes(
    convOut,
    names.y,
    names.prefix,
    trim.begin,
    trim.end,
    before,
    `trim: ${trim.begin.join(', ')} at the start, ${trim.end.join(', ')} at the end of ${dims === 1 ? 'the axis' : 'each axis'}`,
  );
  notes.push(l10n.t('ONNX has no trim attribute: a Slice node removes the trimmed rows after the layer.'));
  return { nodes: [node, ...slice.nodes], constants: slice.constants, notes };
}

/**
 * A transposed layer that appends more rows than output_padding < stride allows in ONNX Runtime: ConvTranspose
 * without its bias, Pad appends the rest, then the bias is added to every row (those rows hold it in PyTorch).
 */
function withPadAfter(
  plan: LayerPlan,
  names: OnnxConvNames,
  attributes: OnnxNode['attributes'][number][],
  padAfter: readonly number[],
  notes: string[],
): OnnxConvNodes {
  const dims = padAfter.length;
  const convOut = `${names.prefix}canvas`;
  const padded = names.b ? `${names.prefix}padded` : names.y;
  const pads = [0, 0, ...padAfter.map(() => 0), 0, 0, ...padAfter];
  const nodes: OnnxNode[] = [
    { op: 'ConvTranspose', inputs: [names.x, names.w], outputs: [convOut], attributes },
    {
      op: 'Pad',
      inputs: [convOut, `${names.prefix}pads`],
      outputs: [padded],
      attributes: [{ name: 'mode', value: 'constant' }],
      comment: 'the rows beyond output_padding (ONNX Runtime requires output_padding < stride)',
    },
  ];
  const constants: OnnxConstant[] = [{ name: `${names.prefix}pads`, type: 'int64', dims: [pads.length], values: pads }];
  if (names.b && plan.biasShape) {
    const shape = [plan.biasShape[0], ...padAfter.map(() => 1)];
    nodes.push(
      {
        op: 'Reshape',
        inputs: [names.b, `${names.prefix}bias_shape`],
        outputs: [`${names.prefix}bias_c1`],
        attributes: [],
      },
      {
        op: 'Add',
        inputs: [padded, `${names.prefix}bias_c1`],
        outputs: [names.y],
        attributes: [],
        comment: 'the bias, on every row',
      },
    );
    constants.push({ name: `${names.prefix}bias_shape`, type: 'int64', dims: [dims + 1], values: shape });
  }
  notes.push(
    l10n.t(
      'ONNX Runtime refuses output_padding ≥ stride: the node appends stride − 1 rows, a Pad node the rest, and the bias is added after it.',
    ),
  );
  return { nodes, constants, notes };
}
