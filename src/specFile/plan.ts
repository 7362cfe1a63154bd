/** The resolved chain: every shape, channel count and hyperparameter, computed without allocating a tensor. */
import type { AxisPads, ConvParams, DType, DimCalc, OutputSizeRange, TorchEquivalent } from '../engine';
import type { ConvFieldsModel, Dims, LayerKind } from './model';
import type { ValuesBudget } from './memoryBudget';
import type { ChainOpPlan } from './planOp';

/**
 * A layer's padding in another framework's terms, resolved per axis. Transposed: `begin`/`end` rows of the canvas
 * (in − 1)·stride + dilation·(kernel − 1) + 1 are dropped (negative `end`: rows appended), trim included.
 * Convolution: the input gets `begin`/`end` zeros (`inputPad` when they differ), the trim is a slice after it.
 */
export interface LayerPadding {
  /** How it was written, e.g. "ONNX auto_pad SAME_UPPER", "Keras padding=\"same\"". */
  readonly rule: string;
  readonly axes: readonly AxisPads[];
  readonly trimBegin: readonly number[];
  readonly trimEnd: readonly number[];
  readonly begin: readonly number[];
  readonly end: readonly number[];
  /** PyTorch's padding / output_padding, and the slice after the layer when they cannot express it alone. */
  readonly torch: TorchEquivalent;
  /** Convolution with unequal begin/end: F.pad(x, …) before a padding-0 convolution. */
  readonly inputPad: { readonly begin: readonly number[]; readonly end: readonly number[] } | null;
}

/** Where a layer's weight values come from. 'shared': the forward convolution reuses the first transposed layer's weight. */
export type WeightSource = 'data' | 'init' | 'shared';

export interface LayerPlan {
  /** Position in the chain (0-based); -1 for the paired forward convolution. */
  readonly index: number;
  /** The layer's `name`, or "layer 2" / "forward". */
  readonly name: string;
  readonly kind: LayerKind;
  readonly inputShape: readonly number[];
  /** PyTorch layout: convTranspose (C_in, C_out/groups, ...k), conv (C_out, C_in/groups, ...k). */
  readonly weightShape: readonly number[];
  readonly biasShape: readonly number[] | null;
  readonly outputShape: readonly number[];
  readonly params: ConvParams;
  /** Per spatial dimension: the formula, with numbers, that gives the output size. */
  readonly dims: readonly DimCalc[];
  /** convTranspose only: the sizes PyTorch's output_size can ask for, per dimension. */
  readonly outputSizeRange?: readonly OutputSizeRange[];
  /** The first transposed layer when `forward` is present: the output_padding that undoes the forward convolution. */
  readonly roundTripOutputPadding?: readonly number[];
  readonly weightSource: WeightSource;
  /**
   * ONNX pads / autoPad / outputShape, Keras "same"/"valid" or a trim: how the padding resolved per axis and the
   * PyTorch equivalent. `params` then hold the PyTorch layer that runs before the slice. Absent for plain PyTorch.
   */
  readonly padding?: LayerPadding;
  /** The non-convolution layers (pool, upsample, pad, crop, concat, add): what they do; their weightShape is [0] (no weight). Absent for convolutions. */
  readonly op?: ChainOpPlan;
  /** The layer's fields as written, each with its NodeRef (for the forward: its own fields plus those copied from the first transposed layer). */
  readonly spec: ConvFieldsModel;
}

export interface ChainPlan {
  readonly dims: Dims;
  readonly dtype: DType;
  readonly inputShape: readonly number[];
  readonly forward?: LayerPlan;
  /** The layers planned, in order, up to the first one whose shape could not be computed. */
  readonly layers: readonly LayerPlan[];
  /** Every layer (and the forward convolution) could be planned. */
  readonly complete: boolean;
  /** The final output shape; null unless complete. */
  readonly outputShape: readonly number[] | null;
  /**
   * Which steps' values are computed within the memory budget (memoryBudget.ts: the one rule evaluation, `check`,
   * `show`, `verify` and the preview follow). Shapes are never capped.
   */
  readonly values: ValuesBudget;
}
