/**
 * The typed spec: what the user wrote (no defaults filled in except where noted), each field with the
 * NodeRef of its text so hovers, diagnostics and fixes can find it. Plain data: no tree, no tensors.
 */
import {
  VERIFICATION_NAMES,
  type ComputePath,
  type DType,
  type InitKind,
  type KerasPaddingName,
  type NestedNumbers,
  type OnnxAutoPad,
  type VerificationName,
} from '../engine';
import type { JsonNode, NodeRef } from './jsonTree';

import { CHAIN_OP_KINDS, type ChainOpFieldsModel, type ChainOpKind, type ConvLayerKind } from './chainOpModel';

export type { NodeRef, JsonPath } from './jsonTree';

export type LayerKind = ConvLayerKind | ChainOpKind;
export const LAYER_KINDS: readonly LayerKind[] = ['convTranspose', 'conv', ...CHAIN_OP_KINDS];

/** The verifications a spec can ask for: the engine's list, so the two can never drift apart. */
export type VerifyName = VerificationName;
export const VERIFY_NAMES: readonly VerifyName[] = VERIFICATION_NAMES;

export type Dims = 1 | 2 | 3;

export interface Field<T> {
  readonly value: T;
  readonly ref: NodeRef;
}

/**
 * Nested numbers as written (`data`, `expect.output`), possibly a 10 MB paste: `value` is built the first time
 * it is read, and `node`, the syntax node of the value (not enumerable, so not part of the plain data), lets
 * the shape checks and evaluation read the numbers without building it (nesting.ts, jsonTree.ts).
 */
export interface NestedNumbersField extends Field<NestedNumbers> {
  readonly node?: JsonNode;
}

/** A list of numbers, with a ref for each so a diagnostic can mark the one that is wrong. */
export interface NumberListField extends Field<number[]> {
  readonly items: readonly NodeRef[];
}

/** `3` or `[3, 2]`: a scalar applies to every spatial dimension. `items` is empty for a scalar. */
export interface IntOrTupleField extends Field<number | number[]> {
  readonly items: readonly NodeRef[];
}

export interface TensorSpecModel {
  readonly ref: NodeRef;
  readonly shape?: NumberListField;
  readonly data?: NestedNumbersField;
  readonly init?: Field<InitKind>;
  readonly seed?: Field<number>;
  readonly low?: Field<number>;
  readonly high?: Field<number>;
  readonly start?: Field<number>;
  readonly step?: Field<number>;
  readonly value?: Field<number>;
}

/** `true` → random bias of the right length; an object → a tensor spec; `false` or absent → no bias. */
export interface BiasModel {
  readonly ref: NodeRef;
  readonly tensor?: TensorSpecModel;
}

export interface ExpectModel {
  readonly ref: NodeRef;
  readonly outputShape?: NumberListField;
  readonly output?: NestedNumbersField;
  readonly tolerance?: Field<number>;
  readonly outputSize?: IntOrTupleField;
}

/** `trim`: `{ begin, end }`, each a scalar or one value per dimension. */
export interface TrimModel {
  readonly ref: NodeRef;
  readonly begin?: IntOrTupleField;
  readonly end?: IntOrTupleField;
}

/** Fields shared by the transposed layers, forward layers and the paired `forward` convolution. */
export interface ConvFieldsModel {
  readonly ref: NodeRef;
  readonly name?: Field<string>;
  readonly outChannels?: Field<number>;
  readonly kernelSize?: IntOrTupleField;
  readonly stride?: IntOrTupleField;
  readonly padding?: IntOrTupleField;
  /** `padding` written as "same" / "valid" (TensorFlow/Keras); `padding` is then absent. */
  readonly kerasPadding?: Field<KerasPaddingName>;
  /** ONNX `pads`: [x1_begin, x2_begin, ..., x1_end, x2_end, ...]. */
  readonly pads?: NumberListField;
  /** ONNX `auto_pad`. */
  readonly autoPad?: Field<OnnxAutoPad>;
  readonly dilation?: IntOrTupleField;
  readonly groups?: Field<number>;
  readonly kernel?: TensorSpecModel;
  readonly bias?: BiasModel;
  readonly expect?: ExpectModel;
}

export interface LayerSpecModel extends ConvFieldsModel {
  /** Position in the chain, 0-based. */
  readonly index: number;
  /** `type`, defaulted to convTranspose. */
  readonly kind: LayerKind;
  readonly type?: Field<LayerKind>;
  readonly inChannels?: Field<number>;
  readonly outputPadding?: IntOrTupleField;
  /** ONNX `output_shape` (convTranspose): the spatial output size the padding is derived from. */
  readonly outputShape?: NumberListField;
  /** Rows/columns removed from the layer's output after it (EnCodec's causal trim). */
  readonly trim?: TrimModel;
  /** The fields of the non-convolution layer types (pool, upsample, pad, crop, concat, add). */
  readonly op: ChainOpFieldsModel;
}

/** The optional convolution applied to the input before the layers; always a forward convolution. */
export type ForwardSpecModel = ConvFieldsModel;

export interface SpecModel {
  readonly ref: NodeRef;
  readonly name?: Field<string>;
  readonly description?: Field<string>;
  /** `dims`, defaulted to 2. */
  readonly dims: Dims;
  readonly dimsField?: Field<Dims>;
  /** `dtype`, defaulted to float64. */
  readonly dtype: DType;
  readonly dtypeField?: Field<DType>;
  /** `compute`, defaulted to auto: which engine path computes the transposed layers. */
  readonly compute: ComputePath;
  readonly computeField?: Field<ComputePath>;
  readonly input: TensorSpecModel;
  readonly forward?: ForwardSpecModel;
  readonly layers: readonly LayerSpecModel[];
  /** Which form the spec used, and the ref of that property's value. */
  readonly layerForm: 'layer' | 'layers';
  readonly layersRef: NodeRef;
  readonly expect?: ExpectModel;
  /** `verify` expanded ("all" or absent → every name). */
  readonly verify: readonly VerifyName[];
  readonly verifyField?: Field<'all' | VerifyName[]>;
}
