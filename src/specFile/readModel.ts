/** Builds the SpecModel from a tree that already passed the schema, so types can be trusted here. */
import * as l10n from '@vscode/l10n';
import type {
  ComputePath,
  DType,
  InitKind,
  KerasPaddingName,
  NestedNumbers,
  OnnxAutoPad,
  UpsampleMode,
} from '../engine';
import type { ChainOpFieldsModel } from './chainOpModel';
import type { SpecDiagnostic } from './diagnostics';
import { DEFAULT_DIMS, DEFAULT_DTYPE } from './defaults';
import { propertiesOf, propertyKey, refOf, valueOf, type JsonNode, type JsonPath, type NodeRef } from './jsonTree';
import {
  VERIFY_NAMES,
  type BiasModel,
  type ConvFieldsModel,
  type Dims,
  type ExpectModel,
  type Field,
  type IntOrTupleField,
  type LayerKind,
  type LayerSpecModel,
  type NestedNumbersField,
  type NumberListField,
  type SpecModel,
  type TensorSpecModel,
  type TrimModel,
  type VerifyName,
} from './model';

export interface ModelResult {
  readonly spec: SpecModel | null;
  readonly diagnostics: SpecDiagnostic[];
}

/** Property lookup on one object node; the last of duplicate keys wins, as in JSON.parse. */
class ObjectReader {
  private readonly values = new Map<string, JsonNode>();

  constructor(
    readonly node: JsonNode,
    readonly path: JsonPath,
  ) {
    for (const property of propertiesOf(node)) {
      const key = propertyKey(property);
      const value = property.children?.[1];
      if (key !== undefined && value) this.values.set(key, value);
    }
  }

  get ref(): NodeRef {
    return refOf(this.node, this.path);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  valueNode(key: string): JsonNode | undefined {
    return this.values.get(key);
  }

  child(key: string): ObjectReader | undefined {
    const value = this.values.get(key);
    return value?.type === 'object' ? new ObjectReader(value, [...this.path, key]) : undefined;
  }

  field<T>(key: string): Field<T> | undefined {
    const value = this.values.get(key);
    return value ? { value: valueOf(value) as T, ref: refOf(value, [...this.path, key]) } : undefined;
  }

  /** A field of nested numbers, holding its syntax node; its value is built when first read. */
  nested(key: string): NestedNumbersField | undefined {
    const node = this.values.get(key);
    if (!node) return undefined;
    let built: NestedNumbers | undefined;
    // `value` first, as in the other fields: the same keys in the same order.
    const field = Object.defineProperty({}, 'value', {
      enumerable: true,
      get: () => (built ??= valueOf(node) as NestedNumbers),
    });
    return Object.defineProperties(field, {
      ref: { enumerable: true, value: refOf(node, [...this.path, key]) },
      node: { enumerable: false, value: node },
    }) as NestedNumbersField;
  }

  numberList(key: string): NumberListField | undefined {
    const value = this.values.get(key);
    if (value?.type !== 'array') return undefined;
    const path = [...this.path, key];
    const children = value.children ?? [];
    return {
      value: valueOf(value) as number[],
      ref: refOf(value, path),
      items: children.map((c, i) => refOf(c, [...path, i])),
    };
  }

  intOrTuple(key: string): IntOrTupleField | undefined {
    const value = this.values.get(key);
    if (!value) return undefined;
    if (value.type === 'array') return this.numberList(key);
    return { value: valueOf(value) as number, ref: refOf(value, [...this.path, key]), items: [] };
  }
}

function readTensor(reader: ObjectReader): TensorSpecModel {
  return {
    ref: reader.ref,
    shape: reader.numberList('shape'),
    data: reader.nested('data'),
    init: reader.field<InitKind>('init'),
    seed: reader.field<number>('seed'),
    low: reader.field<number>('low'),
    high: reader.field<number>('high'),
    start: reader.field<number>('start'),
    step: reader.field<number>('step'),
    value: reader.field<number>('value'),
  };
}

function readBias(reader: ObjectReader): BiasModel | undefined {
  const node = reader.valueNode('bias');
  if (!node) return undefined;
  const path = [...reader.path, 'bias'];
  if (node.type === 'object') return { ref: refOf(node, path), tensor: readTensor(new ObjectReader(node, path)) };
  return valueOf(node) === true ? { ref: refOf(node, path) } : undefined;
}

function readExpect(reader: ObjectReader | undefined): ExpectModel | undefined {
  if (!reader) return undefined;
  return {
    ref: reader.ref,
    outputShape: reader.numberList('outputShape'),
    output: reader.nested('output'),
    tolerance: reader.field<number>('tolerance'),
    outputSize: reader.intOrTuple('outputSize'),
  };
}

/** `padding` (a number, a list, or Keras' "same" / "valid"), ONNX's `pads` and `autoPad`. */
function readPadding(reader: ObjectReader): Pick<ConvFieldsModel, 'padding' | 'kerasPadding' | 'pads' | 'autoPad'> {
  const named = reader.valueNode('padding')?.type === 'string';
  return {
    padding: named ? undefined : reader.intOrTuple('padding'),
    kerasPadding: named ? reader.field<KerasPaddingName>('padding') : undefined,
    pads: reader.numberList('pads'),
    autoPad: reader.field<OnnxAutoPad>('autoPad'),
  };
}

function readTrim(reader: ObjectReader | undefined): TrimModel | undefined {
  if (!reader) return undefined;
  return { ref: reader.ref, begin: reader.intOrTuple('begin'), end: reader.intOrTuple('end') };
}

function readConvFields(reader: ObjectReader): ConvFieldsModel {
  const kernel = reader.child('kernel');
  return {
    ref: reader.ref,
    name: reader.field<string>('name'),
    outChannels: reader.field<number>('outChannels'),
    kernelSize: reader.intOrTuple('kernelSize'),
    stride: reader.intOrTuple('stride'),
    ...readPadding(reader),
    dilation: reader.intOrTuple('dilation'),
    groups: reader.field<number>('groups'),
    kernel: kernel ? readTensor(kernel) : undefined,
    bias: readBias(reader),
    expect: readExpect(reader.child('expect')),
  };
}

function readLayer(reader: ObjectReader, index: number): LayerSpecModel {
  const type = reader.field<LayerKind>('type');
  return {
    ...readConvFields(reader),
    index,
    kind: type?.value ?? 'convTranspose',
    type,
    inChannels: reader.field<number>('inChannels'),
    outputPadding: reader.intOrTuple('outputPadding'),
    outputShape: reader.numberList('outputShape'),
    trim: readTrim(reader.child('trim')),
    op: readOpFields(reader),
  };
}

/** The fields of the pool, upsample, pad, crop, concat and add layers (chainOpModel.ts). */
function readOpFields(reader: ObjectReader): ChainOpFieldsModel {
  return {
    ceilMode: reader.field<boolean>('ceilMode'),
    countIncludePad: reader.field<boolean>('countIncludePad'),
    scaleFactor: reader.intOrTuple('scaleFactor'),
    size: reader.intOrTuple('size'),
    mode: reader.field<UpsampleMode>('mode'),
    alignCorners: reader.field<boolean>('alignCorners'),
    pads: reader.numberList('pads'),
    value: reader.field<number>('value'),
    begin: reader.intOrTuple('begin'),
    end: reader.intOrTuple('end'),
    with: reader.field<string>('with'),
  };
}

function readLayers(
  root: ObjectReader,
  diagnostics: SpecDiagnostic[],
): { layers: LayerSpecModel[]; form: 'layer' | 'layers'; ref: NodeRef } | null {
  const single = root.child('layer');
  const chain = root.valueNode('layers');
  if (single && chain) {
    const key = chain.parent?.children?.[0] ?? chain;
    diagnostics.push({
      code: 'layer-missing',
      severity: 'error',
      message: l10n.t('Write either "layer" (one layer) or "layers" (a chain), not both.'),
      offset: key.offset,
      length: key.length,
      related: [
        {
          offset: single.ref.keyOffset ?? single.ref.offset,
          length: single.ref.keyLength ?? single.ref.length,
          message: l10n.t('the other one'),
        },
      ],
    });
    return null;
  }
  if (single) return { layers: [readLayer(single, 0)], form: 'layer', ref: single.ref };
  if (chain?.type === 'array') {
    const layers = (chain.children ?? []).map((child, i) => readLayer(new ObjectReader(child, ['layers', i]), i));
    return { layers, form: 'layers', ref: refOf(chain, ['layers']) };
  }
  diagnostics.push({
    code: 'layer-missing',
    severity: 'error',
    message: l10n.t(
      'This spec has no layer: add "layer": { ... } for one transposed convolution, or "layers": [ ... ] for a chain.',
    ),
    offset: root.node.offset,
    length: 1,
  });
  return null;
}

function readVerify(root: ObjectReader): { verify: VerifyName[]; field?: Field<'all' | VerifyName[]> } {
  const field = root.field<'all' | VerifyName[]>('verify');
  if (!field || field.value === 'all') return { verify: [...VERIFY_NAMES], field };
  return { verify: field.value, field };
}

export function readModel(rootNode: JsonNode): ModelResult {
  const diagnostics: SpecDiagnostic[] = [];
  if (rootNode.type !== 'object') return { spec: null, diagnostics };
  const root = new ObjectReader(rootNode, []);
  const layers = readLayers(root, diagnostics);
  const input = root.child('input');
  if (!layers || !input) return { spec: null, diagnostics };
  const dimsField = root.field<Dims>('dims');
  const dtypeField = root.field<DType>('dtype');
  const computeField = root.field<ComputePath>('compute');
  const forward = root.child('forward');
  const { verify, field: verifyField } = readVerify(root);
  const spec: SpecModel = {
    ref: root.ref,
    name: root.field<string>('name'),
    description: root.field<string>('description'),
    dims: dimsField?.value ?? DEFAULT_DIMS,
    dimsField,
    dtype: dtypeField?.value ?? DEFAULT_DTYPE,
    dtypeField,
    compute: computeField?.value ?? 'auto',
    computeField,
    input: readTensor(input),
    forward: forward ? readConvFields(forward) : undefined,
    layers: layers.layers,
    layerForm: layers.form,
    layersRef: layers.ref,
    expect: readExpect(root.child('expect')),
    verify,
    verifyField,
  };
  return { spec, diagnostics };
}
