/**
 * The typed spec: what the user wrote (no defaults filled in except where noted), each field with the
 * NodeRef of its text so hovers, diagnostics and fixes can find it. Plain data: no tree, no tensors.
 */
import {
  VERIFICATION_NAMES,
  type ComputePath,
  type DType,
  type InitKind,
  type NestedNumbers,
  type VerificationName,
} from '../engine';
import type { NodeRef } from './jsonTree';
import type { PackedRef } from './packedNumbers';

export type { NodeRef, JsonPath } from './jsonTree';

export type LayerKind = 'convTranspose' | 'conv';
export const LAYER_KINDS: readonly LayerKind[] = ['convTranspose', 'conv'];

/** The verifications a spec can ask for: the engine's list, so the two can never drift apart. */
export type VerifyName = VerificationName;
export const VERIFY_NAMES: readonly VerifyName[] = VERIFICATION_NAMES;

export type Dims = 1 | 2;

export interface Field<T> {
  readonly value: T;
  readonly ref: NodeRef;
}

/**
 * Nested numbers as written (`data`, `expect.output`). When they were read from a long pasted array
 * (packedNumbers.ts), `value` is built the first time it is read, and `packed` (not enumerable, so not part
 * of the plain data) lets the shape checks read the nesting without building it.
 */
export interface NestedNumbersField extends Field<NestedNumbers> {
  readonly packed?: PackedRef;
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

/** Fields shared by the transposed layers, forward layers and the paired `forward` convolution. */
export interface ConvFieldsModel {
  readonly ref: NodeRef;
  readonly name?: Field<string>;
  readonly outChannels?: Field<number>;
  readonly kernelSize?: IntOrTupleField;
  readonly stride?: IntOrTupleField;
  readonly padding?: IntOrTupleField;
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
