/**
 * An ONNX model → a tconv spec of its convolution / transposed-convolution chain: the graph is walked from its
 * input along the main data path (the first consumer of each tensor, in the graph's topological order), each
 * Conv / ConvTranspose becomes a layer with its weights, bias and hyperparameters, and the decoder ops tconv's
 * chains hold (pooling, upsampling, pad, concatenation with a skip, addition of a residual) become layers of their
 * own. Element-wise ops (activations, normalisations) are left out and listed; the walk stops at an op that
 * changes the shape in a way tconv does not model. Pure: decoding uses protobufjs through onnx-proto.
 */
import * as l10n from '@vscode/l10n';
import { onnx } from 'onnx-proto';
import { compactJson } from '../specFile/compactJson';
import { Attributes, dataTypeName, int64, tensorSize, tensorValues } from './protoValues';

export type WeightsMode = 'auto' | 'all' | 'none';

export interface ImportOptions {
  /** N,C,H,W (or N,C,L / N,C,D,H,W) instead of the graph input's declared shape. */
  readonly inputShape?: readonly number[];
  /** auto: a layer's kernel values are written when it has at most maxKernelValues of them; all; none. */
  readonly weights?: WeightsMode;
  /** Default 4096. */
  readonly maxKernelValues?: number;
  /** The model's file name, for the spec's name and description. */
  readonly fileName?: string;
}

/** Default for ImportOptions.maxKernelValues. */
export const MAX_KERNEL_VALUES = 4096;

export type ImportNoteKind =
  /** An element-wise op left out: the shape goes on unchanged, the values after it differ from the model's. */
  | 'notModelled'
  /** An Add or Concat with a tensor from a branch the walk did not follow. */
  | 'branch'
  /** The op that ended the walk. */
  | 'stopped'
  /** A Conv, ConvTranspose or chain op that is not on the main data path (or comes after the walk stopped). */
  | 'offPath'
  /** A layer written with a caveat (its values may differ). */
  | 'caveat'
  /** A layer whose kernel values were not written. */
  | 'weightsOmitted'
  /** About the input. */
  | 'input';

export interface ImportNote {
  readonly kind: ImportNoteKind;
  readonly op: string;
  /** The ONNX node's name (or op_type_index when it has none); the input's name for kind 'input'. */
  readonly node: string;
  /** The whole note, translated. */
  readonly message: string;
  /** The op and node, for a list of notes of one kind: "Relu 'relu1'", "ConvTranspose 'up1' (32768 values)". */
  readonly short: string;
}

export interface ImportResult {
  /** The spec as a JSON value. */
  readonly spec: Record<string, unknown>;
  /** The spec as text, arrays of numbers kept compact. */
  readonly text: string;
  readonly inputName: string;
  readonly inputShape: readonly number[];
  /** The layers written, by type: { convTranspose: 4, conv: 1 }. */
  readonly layerCounts: Readonly<Record<string, number>>;
  readonly notes: readonly ImportNote[];
}

export type ImportErrorCode = 'not-onnx' | 'no-graph' | 'no-input' | 'input-shape' | 'no-conv';

/** A model tconv cannot import, with a message meant for the user. */
export class OnnxImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OnnxImportError';
  }
}

/** Decodes ModelProto bytes; anything protobuf cannot read, or that has no graph, is an OnnxImportError. */
export function decodeOnnxModel(bytes: Uint8Array): onnx.ModelProto {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw new OnnxImportError(
      'not-onnx',
      l10n.t('not an ONNX model: protobuf cannot decode it ({0})', e instanceof Error ? e.message : String(e)),
    );
  }
  if (!model.graph || (model.graph.node ?? []).length === 0)
    throw new OnnxImportError('no-graph', l10n.t('not an ONNX model, or an empty one: it has no graph nodes'));
  return model;
}

const CONV_OPS = new Set(['Conv', 'ConvTranspose']);
const CHAIN_OPS = new Set(['MaxPool', 'AveragePool', 'Resize', 'Upsample', 'Pad', 'Concat', 'Add', 'Sum']);
/** Ops that read only the tensor's shape: they are not a step of the data path. */
const SHAPE_READERS = new Set(['Shape', 'Size']);
/** Element-wise or per-channel ops that keep the shape: left out, listed. */
const SHAPE_KEEPING = new Set([
  'Relu',
  'LeakyRelu',
  'PRelu',
  'Elu',
  'Selu',
  'Celu',
  'Sigmoid',
  'HardSigmoid',
  'HardSwish',
  'Tanh',
  'Softplus',
  'Softsign',
  'Gelu',
  'Mish',
  'Erf',
  'Clip',
  'Abs',
  'Neg',
  'Exp',
  'Log',
  'Sqrt',
  'Reciprocal',
  'ThresholdedRelu',
  'BatchNormalization',
  'InstanceNormalization',
  'GroupNormalization',
  'LpNormalization',
  'LRN',
  'Dropout',
  'Identity',
  'Cast',
  'Softmax',
  'LogSoftmax',
  'QuantizeLinear',
  'DequantizeLinear',
]);
/** Binary element-wise ops that keep the shape when their other operand is a constant (a scale, a shift). */
const WITH_CONSTANT = new Set(['Mul', 'Div', 'Sub', 'Add', 'Pow', 'Max', 'Min']);

/** A value written to the spec: an integer or one per spatial dimension (collapsed when all are equal). */
function perDim(values: readonly number[]): number | number[] {
  return values.every((v) => v === values[0]) ? values[0] : [...values];
}

/** The shortest decimal that reads back as the same float32: 0.1 rather than 0.10000000149011612. */
function shortFloat32(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === x) return candidate;
  }
  return x;
}

/** Row-major values → nested arrays of the given shape. */
function nest(values: ArrayLike<number>, shape: readonly number[], float32: boolean): unknown {
  const write = float32 ? shortFloat32 : (x: number) => x;
  let at = 0;
  const build = (axis: number): unknown => {
    if (axis === shape.length) return write(values[at++]);
    return Array.from({ length: shape[axis] }, () => build(axis + 1));
  };
  return build(0);
}

interface GraphIndex {
  readonly initializers: ReadonlyMap<string, onnx.ITensorProto>;
  /** Outputs of Constant nodes. */
  readonly constants: ReadonlyMap<string, onnx.ITensorProto>;
}

function constantTensor(index: GraphIndex, name: string | undefined): onnx.ITensorProto | undefined {
  if (!name) return undefined;
  return index.initializers.get(name) ?? index.constants.get(name);
}

function isConstant(index: GraphIndex, name: string): boolean {
  return constantTensor(index, name) !== undefined;
}

/** A Constant node's value as a TensorProto (value, or value_float(s) / value_int(s)). */
function constantNodeTensor(node: onnx.INodeProto): onnx.ITensorProto | undefined {
  const a = new Attributes(node);
  const t = a.tensor('value');
  if (t) return t;
  const floats = a.floats('value_floats') ?? (a.has('value_float') ? [a.float('value_float', 0)] : undefined);
  if (floats) return { dims: a.has('value_float') ? [] : [floats.length], dataType: 1, floatData: floats };
  const ints = a.ints('value_ints') ?? (a.has('value_int') ? [a.int('value_int', 0)] : undefined);
  if (ints) return { dims: a.has('value_int') ? [] : [ints.length], dataType: 7, int64Data: ints };
  return undefined;
}

/** The numbers in a constant input, or undefined when it is not a constant the file holds. */
function constantNumbers(index: GraphIndex, name: string | undefined): number[] | undefined {
  const t = constantTensor(index, name);
  if (!t) return undefined;
  const v = tensorValues(t);
  return v.ok ? Array.from(v.values) : undefined;
}

/** The graph input's shape as numbers: the first symbolic dimension (the batch) becomes 1, any other is an error. */
function declaredShape(input: onnx.IValueInfoProto, notes: ImportNote[]): number[] {
  const name = input.name ?? '';
  const dims = input.type?.tensorType?.shape?.dim;
  if (!dims)
    throw new OnnxImportError(
      'input-shape',
      l10n.t("the input '{0}' has no declared shape: give one with --input-shape N,C,H,W", name),
    );
  return dims.map((d, axis) => {
    const value = int64(d.dimValue);
    if (d.dimValue !== null && d.dimValue !== undefined && value > 0) return value;
    const symbol = d.dimParam || '?';
    if (axis === 0) {
      notes.push({
        kind: 'input',
        op: 'input',
        node: name,
        message: l10n.t("input '{0}': its batch dimension '{1}' is symbolic; written as 1", name, symbol),
        short: name,
      });
      return 1;
    }
    throw new OnnxImportError(
      'input-shape',
      l10n.t(
        "the input '{0}' has a symbolic dimension '{1}' (axis {2}): give its size with --input-shape N,C,H,W",
        name,
        symbol,
        axis,
      ),
    );
  });
}

/** One walk of the graph from one input; throws only for a model it cannot read at all. */
class ChainWalk {
  readonly layers: Record<string, unknown>[] = [];
  readonly notes: ImportNote[] = [];
  private readonly usedNames = new Set<string>(['input']);
  /** Which layer's output (or "input") each tensor on the path is; left-out ops map their output to the same. */
  private readonly tensorLayer = new Map<string, string>();
  private current: string;
  private stopped = false;
  private convCount = 0;

  constructor(
    private readonly index: GraphIndex,
    private readonly dims: number,
    inputName: string,
    private readonly options: ImportOptions,
  ) {
    this.current = inputName;
    this.tensorLayer.set(inputName, 'input');
  }

  get convLayers(): number {
    return this.convCount;
  }

  get stopNote(): ImportNote | undefined {
    return this.notes.find((n) => n.kind === 'stopped');
  }

  private note(kind: ImportNoteKind, node: onnx.INodeProto, name: string, message: string, short?: string): void {
    const op = node.opType ?? '';
    this.notes.push({ kind, op, node: name, message, short: short ?? `${op} '${name}'` });
  }

  private stop(node: onnx.INodeProto, name: string, reason: string): void {
    this.stopped = true;
    this.note(
      'stopped',
      node,
      name,
      l10n.t("{0} '{1}': tconv does not model it ({2}); the chain stops here", node.opType ?? '', name, reason),
    );
  }

  private leaveOut(node: onnx.INodeProto, name: string): void {
    this.note(
      'notModelled',
      node,
      name,
      l10n.t(
        "{0} '{1}': not modelled, left out (the shape goes on unchanged; values after it differ from the model's)",
        node.opType ?? '',
        name,
      ),
    );
    this.advance(node, this.tensorLayer.get(this.current) ?? 'input');
  }

  private advance(node: onnx.INodeProto, layer: string): void {
    this.current = node.output?.[0] ?? '';
    this.tensorLayer.set(this.current, layer);
  }

  private uniqueName(base: string): string {
    let name = base;
    for (let i = 2; this.usedNames.has(name); i++) name = `${base}_${i}`;
    this.usedNames.add(name);
    return name;
  }

  private emit(node: onnx.INodeProto, name: string, layer: Record<string, unknown>): void {
    const layerName = this.uniqueName(name);
    this.layers.push({ name: layerName, ...layer });
    this.advance(node, layerName);
  }

  visit(node: onnx.INodeProto, position: number): void {
    const op = node.opType ?? '';
    const name = node.name || `${op}_${position}`;
    const inputs = node.input ?? [];
    const merges = op === 'Concat' || op === 'Add' || op === 'Sum';
    const onPath = !this.stopped && (inputs[0] === this.current || (merges && inputs.includes(this.current)));
    if (!onPath) {
      if (CONV_OPS.has(op) || CHAIN_OPS.has(op))
        this.note(
          'offPath',
          node,
          name,
          l10n.t("{0} '{1}': not on the main data path from the input; not imported", op, name),
        );
      return;
    }
    if (SHAPE_READERS.has(op)) return;
    if (CONV_OPS.has(op)) return this.conv(node, name);
    if (op === 'MaxPool' || op === 'AveragePool') return this.pool(node, name);
    if (op === 'Resize' || op === 'Upsample') return this.upsample(node, name);
    if (op === 'Pad') return this.pad(node, name);
    if (op === 'Concat') return this.concat(node, name);
    if (op === 'Add' || op === 'Sum') return this.add(node, name);
    if (SHAPE_KEEPING.has(op)) return this.leaveOut(node, name);
    if (
      WITH_CONSTANT.has(op) &&
      inputs.length === 2 &&
      inputs.some((i) => i !== this.current && isConstant(this.index, i))
    )
      return this.leaveOut(node, name);
    this.stop(node, name, l10n.t('not a layer tconv has'));
  }

  private conv(node: onnx.INodeProto, name: string): void {
    const op = node.opType ?? '';
    const transposed = op === 'ConvTranspose';
    const inputs = node.input ?? [];
    const weight = constantTensor(this.index, inputs[1]);
    if (!weight) return this.stop(node, name, l10n.t('its weights are computed in the graph, not stored in it'));
    const shape = (weight.dims ?? []).map(int64);
    if (shape.length !== this.dims + 2)
      return this.stop(
        node,
        name,
        l10n.t('its weight has {0} dimensions, the chain is {1}-D', shape.length, this.dims),
      );
    const a = new Attributes(node);
    const ones = Array<number>(this.dims).fill(1);
    const zeros = Array<number>(this.dims).fill(0);
    const group = a.int('group', 1);
    const outChannels = transposed ? shape[1] * group : shape[0];
    const layer: Record<string, unknown> = {};
    if (!transposed) layer.type = 'conv';
    layer.outChannels = outChannels;
    const strides = a.ints('strides') ?? ones;
    if (strides.some((s) => s !== 1)) layer.stride = perDim(strides);
    const autoPad = a.string('auto_pad', 'NOTSET');
    const outputShape = transposed ? a.ints('output_shape') : undefined;
    if (outputShape) layer.outputShape = outputShape.slice(-this.dims);
    if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') layer.autoPad = autoPad;
    else if (autoPad !== 'VALID' && !outputShape) {
      const pads = a.ints('pads') ?? [...zeros, ...zeros];
      const begin = pads.slice(0, this.dims);
      const end = pads.slice(this.dims, 2 * this.dims);
      if (begin.some((b, i) => b !== end[i])) layer.pads = pads;
      else if (begin.some((b) => b !== 0)) layer.padding = perDim(begin);
    }
    const outputPadding = transposed ? a.ints('output_padding') : undefined;
    if (outputPadding?.some((p) => p !== 0)) layer.outputPadding = perDim(outputPadding);
    const dilations = a.ints('dilations') ?? ones;
    if (dilations.some((d) => d !== 1)) layer.dilation = perDim(dilations);
    if (group !== 1) layer.groups = group;
    const kernelShape = a.ints('kernel_shape');
    if (kernelShape && kernelShape.some((k, i) => k !== shape[2 + i]))
      this.note(
        'caveat',
        node,
        name,
        l10n.t(
          "{0} '{1}': kernel_shape {2} disagrees with its weight's {3}; the weight's is written",
          op,
          name,
          kernelShape.join('×'),
          shape.slice(2).join('×'),
        ),
      );
    layer.kernel = this.kernel(node, name, weight, shape);
    if (inputs[2]) layer.bias = this.bias(node, name, inputs[2], outChannels);
    this.convCount++;
    this.emit(node, name, layer);
  }

  private kernel(node: onnx.INodeProto, name: string, weight: onnx.ITensorProto, shape: number[]): unknown {
    const count = tensorSize(weight);
    const mode = this.options.weights ?? 'auto';
    const max = this.options.maxKernelValues ?? MAX_KERNEL_VALUES;
    const values = mode === 'none' || (mode === 'auto' && count > max) ? undefined : tensorValues(weight);
    if (values?.ok) return { shape, data: nest(values.values, shape, values.float32) };
    this.note(
      'weightsOmitted',
      node,
      name,
      values
        ? l10n.t(
            "{0} '{1}': its weights are not written ({2}); tconv uses random values",
            node.opType ?? '',
            name,
            values.reason,
          )
        : l10n.t(
            "{0} '{1}': its {2} weights are not written (kernel.shape only; tconv uses random values); --weights all writes them",
            node.opType ?? '',
            name,
            count,
          ),
      values ? undefined : l10n.t("{0} '{1}' ({2} values)", node.opType ?? '', name, count),
    );
    return { shape };
  }

  private bias(node: onnx.INodeProto, name: string, input: string, outChannels: number): unknown {
    const tensor = constantTensor(this.index, input);
    const values = tensor && this.options.weights !== 'none' ? tensorValues(tensor) : undefined;
    if (values?.ok && values.values.length === outChannels)
      return { data: nest(values.values, [outChannels], values.float32) };
    if (this.options.weights !== 'none')
      this.note(
        'weightsOmitted',
        node,
        name,
        l10n.t("{0} '{1}': its bias is not written; tconv uses random values", node.opType ?? '', name),
      );
    return true;
  }

  private pool(node: onnx.INodeProto, name: string): void {
    const a = new Attributes(node);
    const kernel = a.ints('kernel_shape');
    if (!kernel || kernel.length !== this.dims) return this.stop(node, name, l10n.t('no kernel_shape'));
    const autoPad = a.string('auto_pad', 'NOTSET');
    if (autoPad !== 'NOTSET' && autoPad !== 'VALID')
      return this.stop(node, name, l10n.t('auto_pad {0} on a pooling layer', autoPad));
    const zeros = Array<number>(this.dims).fill(0);
    const pads = autoPad === 'VALID' ? [...zeros, ...zeros] : (a.ints('pads') ?? [...zeros, ...zeros]);
    const begin = pads.slice(0, this.dims);
    if (begin.some((b, i) => b !== pads[this.dims + i]))
      return this.stop(node, name, l10n.t('asymmetric pads on a pooling layer'));
    const dilations = a.ints('dilations') ?? Array<number>(this.dims).fill(1);
    const max = node.opType === 'MaxPool';
    if (!max && dilations.some((d) => d !== 1))
      return this.stop(node, name, l10n.t('dilations on an average pooling layer'));
    const layer: Record<string, unknown> = { type: max ? 'maxPool' : 'avgPool', kernelSize: perDim(kernel) };
    // ONNX's strides default to 1, PyTorch's (and tconv's) to the kernel size: always written.
    layer.stride = perDim(a.ints('strides') ?? Array<number>(this.dims).fill(1));
    if (begin.some((b) => b !== 0)) layer.padding = perDim(begin);
    if (max && dilations.some((d) => d !== 1)) layer.dilation = perDim(dilations);
    if (a.int('ceil_mode', 0) === 1) layer.ceilMode = true;
    if (!max && begin.some((b) => b !== 0)) layer.countIncludePad = a.int('count_include_pad', 0) === 1;
    this.emit(node, name, layer);
  }

  private upsample(node: onnx.INodeProto, name: string): void {
    const a = new Attributes(node);
    const inputs = node.input ?? [];
    const rank = this.dims + 2;
    // Upsample-7: scales attribute; Upsample-9 and Resize-10: (X, scales); Resize-11+: (X, roi, scales, sizes).
    const scalesInput = node.opType === 'Upsample' || inputs.length === 2 ? inputs[1] : inputs[2];
    const scales = a.floats('scales') ?? constantNumbers(this.index, scalesInput);
    const sizes = node.opType === 'Resize' && inputs[3] ? constantNumbers(this.index, inputs[3]) : undefined;
    if (a.has('axes')) return this.stop(node, name, l10n.t('Resize with axes'));
    const layer: Record<string, unknown> = { type: 'upsample' };
    if (sizes && sizes.length === rank) layer.size = sizes.slice(2);
    else if (scales && scales.length === rank) {
      if (scales[0] !== 1 || scales[1] !== 1)
        return this.stop(node, name, l10n.t('it scales the batch or channel axis'));
      const spatial = scales.slice(2);
      if (!spatial.every((s) => Number.isInteger(s) && s >= 1))
        return this.stop(node, name, l10n.t('a scale that is not a whole number ({0})', spatial.join(', ')));
      layer.scaleFactor = perDim(spatial);
    } else return this.stop(node, name, l10n.t('its scales or sizes are computed in the graph'));
    const mode = a.string('mode', 'nearest');
    const transform = a.string('coordinate_transformation_mode', 'half_pixel');
    const halfPixel = transform === 'half_pixel' || transform === 'pytorch_half_pixel';
    if (mode === 'nearest') {
      const rounding = a.string('nearest_mode', 'round_prefer_floor');
      // With whole-number scales these pick the same source pixel as PyTorch's nearest (floor of out / scale).
      const same =
        node.opType === 'Upsample' ||
        (transform === 'asymmetric' && rounding === 'floor') ||
        (halfPixel && rounding.startsWith('round_prefer'));
      if (!same || !('scaleFactor' in layer)) this.caveat(node, name, `nearest, ${transform}, ${rounding}`);
    } else {
      layer.mode = ['linear', 'bilinear', 'trilinear'][this.dims - 1];
      if (transform === 'align_corners') layer.alignCorners = true;
      else if (!halfPixel || mode !== 'linear') this.caveat(node, name, `${mode}, ${transform}`);
    }
    this.emit(node, name, layer);
  }

  private caveat(node: onnx.INodeProto, name: string, how: string): void {
    this.note(
      'caveat',
      node,
      name,
      l10n.t(
        "{0} '{1}': written as torch.nn.Upsample; the model's interpolation ({2}) may give other values",
        node.opType ?? '',
        name,
        how,
      ),
    );
  }

  private pad(node: onnx.INodeProto, name: string): void {
    const a = new Attributes(node);
    const inputs = node.input ?? [];
    const rank = this.dims + 2;
    // Pad-2: pads and value attributes; Pad-11+: (data, pads, constant_value, axes).
    const pads = a.ints('pads') ?? constantNumbers(this.index, inputs[1]);
    if (inputs[3]) return this.stop(node, name, l10n.t('Pad with axes'));
    if (!pads || pads.length !== 2 * rank) return this.stop(node, name, l10n.t('its pads are computed in the graph'));
    if ([0, 1, rank, rank + 1].some((i) => pads[i] !== 0))
      return this.stop(node, name, l10n.t('it pads the batch or channel axis'));
    const layer: Record<string, unknown> = {
      type: 'pad',
      pads: [...pads.slice(2, rank), ...pads.slice(rank + 2)],
    };
    const value = a.has('value') ? a.float('value', 0) : (constantNumbers(this.index, inputs[2])?.[0] ?? 0);
    if (value !== 0) layer.value = value;
    const mode = a.string('mode', 'constant');
    if (mode !== 'constant')
      this.note(
        'caveat',
        node,
        name,
        l10n.t("{0} '{1}': mode {2} is written as zero padding; the values at the border differ", 'Pad', name, mode),
      );
    this.emit(node, name, layer);
  }

  /** The other operand of a two-input merge, or undefined when it is not two inputs. */
  private otherOperand(node: onnx.INodeProto): string | undefined {
    const inputs = node.input ?? [];
    if (inputs.length !== 2) return undefined;
    return inputs[0] === this.current ? inputs[1] : inputs[0];
  }

  private concat(node: onnx.INodeProto, name: string): void {
    const rank = this.dims + 2;
    const axis = new Attributes(node).int('axis', 1);
    if ((axis + rank) % rank !== 1) return this.stop(node, name, l10n.t('concatenation along axis {0}', axis));
    const other = this.otherOperand(node);
    if (other === undefined) return this.stop(node, name, l10n.t('a concatenation of more than two tensors'));
    const withLayer = this.tensorLayer.get(other);
    if (withLayer === undefined) return this.stop(node, name, l10n.t('it joins a branch tconv does not follow'));
    if ((node.input ?? [])[0] !== this.current)
      this.note(
        'caveat',
        node,
        name,
        l10n.t(
          "Concat '{0}': the model puts '{1}' first, tconv after: the shapes agree, the channel order (and so later values) differs",
          name,
          withLayer,
        ),
      );
    this.emit(node, name, { type: 'concat', with: withLayer });
  }

  private add(node: onnx.INodeProto, name: string): void {
    const other = this.otherOperand(node);
    const withLayer = other === undefined ? undefined : this.tensorLayer.get(other);
    if (other !== undefined && withLayer !== undefined && other !== this.current)
      return this.emit(node, name, { type: 'add', with: withLayer });
    if (other !== undefined && isConstant(this.index, other)) return this.leaveOut(node, name);
    this.note(
      'branch',
      node,
      name,
      l10n.t("{0} '{1}': adds a branch tconv does not follow; left out", node.opType ?? '', name),
    );
    this.advance(node, this.tensorLayer.get(this.current) ?? 'input');
  }
}

function baseName(fileName: string | undefined): string | undefined {
  return fileName?.split(/[\\/]/).pop();
}

/** "Relu ×3, Tanh": how many of each op a kind of note names. */
function opCounts(notes: readonly ImportNote[]): string {
  const counts = new Map<string, number>();
  for (const n of notes) counts.set(n.op, (counts.get(n.op) ?? 0) + 1);
  return [...counts].map(([op, n]) => (n === 1 ? op : `${op} ×${n}`)).join(', ');
}

function describe(model: onnx.ModelProto, inputName: string, walk: ChainWalk, options: ImportOptions): string {
  const file = baseName(options.fileName) ?? 'model.onnx';
  const producer = [model.producerName, model.producerVersion].filter(Boolean).join(' ');
  const opset = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  const parts = [
    l10n.t(
      "Imported from {0} by tconv import: the chain from input '{1}' ({2}, opset {3}).",
      file,
      inputName,
      producer || l10n.t('producer unknown'),
      opset ? int64(opset.version) : '?',
    ),
  ];
  const left = walk.notes.filter((n) => n.kind === 'notModelled' || n.kind === 'branch');
  if (left.length > 0) parts.push(l10n.t('Left out (not modelled; values after them differ): {0}.', opCounts(left)));
  const omitted = walk.layers.filter((l) => typeof l.kernel === 'object' && !('data' in (l.kernel as object)));
  if (omitted.length > 0)
    parts.push(l10n.t('Kernels not written (random values here): {0}.', omitted.map((l) => String(l.name)).join(', ')));
  const stop = walk.stopNote;
  if (stop) parts.push(stop.message);
  return parts.join(' ');
}

/**
 * Imports the chain of a model (ModelProto bytes). Throws OnnxImportError when the bytes are not a model, the input
 * shape is unknown, or no Conv / ConvTranspose is on the path from an input.
 */
export function importOnnxModel(bytes: Uint8Array, options: ImportOptions = {}): ImportResult {
  const model = decodeOnnxModel(bytes);
  const graph = model.graph as onnx.IGraphProto;
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const constants = new Map<string, onnx.ITensorProto>();
  for (const node of graph.node ?? []) {
    if (node.opType !== 'Constant' || !node.output?.[0]) continue;
    const t = constantNodeTensor(node);
    if (t) constants.set(node.output[0], t);
  }
  const index: GraphIndex = { initializers, constants };
  const inputs = (graph.input ?? []).filter((i) => i.name && !initializers.has(i.name));
  if (inputs.length === 0) throw new OnnxImportError('no-input', l10n.t('the graph has no input'));

  let first: OnnxImportError | undefined;
  for (const input of inputs) {
    const inputNotes: ImportNote[] = [];
    const shape = options.inputShape ? [...options.inputShape] : declaredShape(input, inputNotes);
    const dims = shape.length - 2;
    if (dims < 1 || dims > 3 || shape.some((d) => !Number.isInteger(d) || d < 1))
      throw new OnnxImportError(
        'input-shape',
        l10n.t('the input shape {0} is not N,C,L / N,C,H,W / N,C,D,H,W with positive sizes', `[${shape.join(', ')}]`),
      );
    const walk = new ChainWalk(index, dims, input.name ?? '', options);
    (graph.node ?? []).forEach((node, position) => walk.visit(node, position));
    if (walk.convLayers === 0) {
      const stop = walk.stopNote;
      first ??= new OnnxImportError(
        'no-conv',
        stop
          ? l10n.t("no Conv or ConvTranspose on the path from input '{0}': {1}", input.name ?? '', stop.message)
          : l10n.t("no Conv or ConvTranspose on the path from input '{0}'", input.name ?? ''),
      );
      continue;
    }
    const elemType = input.type?.tensorType?.elemType;
    if (elemType && elemType !== onnx.TensorProto.DataType.FLOAT && elemType !== onnx.TensorProto.DataType.DOUBLE)
      inputNotes.push({
        kind: 'input',
        op: 'input',
        node: input.name ?? '',
        message: l10n.t("input '{0}' is {1}: tconv computes in float64", input.name ?? '', dataTypeName(elemType)),
        short: input.name ?? '',
      });
    const notes = [...inputNotes, ...walk.notes];
    const file = baseName(options.fileName);
    const spec: Record<string, unknown> = {
      name: graph.name ? `${graph.name}${file ? ` (${file})` : ''}` : (file ?? 'ONNX model'),
      description: describe(model, input.name ?? '', walk, options),
      ...(dims !== 2 ? { dims } : {}),
      input: { shape },
      layers: walk.layers,
    };
    const layerCounts: Record<string, number> = {};
    for (const l of walk.layers) {
      const type = typeof l.type === 'string' ? l.type : 'convTranspose';
      layerCounts[type] = (layerCounts[type] ?? 0) + 1;
    }
    return {
      spec,
      text: compactJson(spec, { fillNumbers: true }),
      inputName: input.name ?? '',
      inputShape: shape,
      layerCounts,
      notes,
    };
  }
  throw first as OnnxImportError;
}
