/**
 * The chain layers between the convolutions of a decoder or U-Net (issue 13): pooling, upsampling, pad/crop,
 * and the skip connections concat (torch.cat along channels) and add (a residual). Their fields as written,
 * each with its NodeRef; the plan and evaluation are in planOp.ts / planSkip.ts / evaluateOps.ts.
 */
import type { UpsampleMode } from '../engine';
import type { Field, IntOrTupleField, LayerKind, NumberListField } from './model';

export type ConvLayerKind = 'convTranspose' | 'conv';
export type ChainOpKind = 'maxPool' | 'avgPool' | 'upsample' | 'pad' | 'crop' | 'concat' | 'add';
export const CHAIN_OP_KINDS: readonly ChainOpKind[] = [
  'maxPool',
  'avgPool',
  'upsample',
  'pad',
  'crop',
  'concat',
  'add',
];

export function isConvKind(kind: LayerKind): kind is ConvLayerKind {
  return kind === 'convTranspose' || kind === 'conv';
}

/** The fields only the non-convolution layers read (all optional; which apply depends on the type). */
export interface ChainOpFieldsModel {
  readonly ceilMode?: Field<boolean>;
  readonly countIncludePad?: Field<boolean>;
  readonly scaleFactor?: IntOrTupleField;
  readonly size?: IntOrTupleField;
  readonly mode?: Field<UpsampleMode>;
  readonly alignCorners?: Field<boolean>;
  readonly pads?: NumberListField;
  readonly value?: Field<number>;
  readonly begin?: IntOrTupleField;
  readonly end?: IntOrTupleField;
  readonly with?: Field<string>;
}

/** Which written fields each layer type reads; a field outside its type's list is reported as ignored. */
export const OP_FIELDS: Readonly<Record<ChainOpKind, readonly string[]>> = {
  maxPool: ['kernelSize', 'stride', 'padding', 'dilation', 'ceilMode'],
  avgPool: ['kernelSize', 'stride', 'padding', 'ceilMode', 'countIncludePad'],
  upsample: ['scaleFactor', 'size', 'mode', 'alignCorners'],
  pad: ['pads', 'value'],
  crop: ['size', 'begin', 'end'],
  concat: ['with'],
  add: ['with'],
};

/** Fields every layer may carry. */
export const COMMON_LAYER_FIELDS: readonly string[] = ['name', 'type', 'expect'];
