/** What planning one layer needs to know, and what it hands to the next layer. */
import type { Span } from './edits';
import type { ConvFieldsModel, Field, IntOrTupleField, LayerKind, SpecModel } from './model';
import type { LayerPlan } from './plan';
import type { KernelLayout } from './planTensors';

/** Where the channel count entering a layer was decided, for related information. */
export interface ChannelOrigin {
  readonly span: Span;
  /** e.g. "layer 1 outputs 128 channels" */
  readonly message: string;
}

export interface SharedWeight {
  readonly shape: readonly number[];
  readonly span: Span;
  /** e.g. "layer 1's kernel" */
  readonly owner: string;
}

export interface LayerRequest {
  readonly spec: SpecModel;
  readonly index: number;
  readonly kind: LayerKind;
  readonly fields: ConvFieldsModel;
  readonly inChannels?: Field<number>;
  readonly outputPadding?: IntOrTupleField;
  readonly inputShape: readonly number[];
  readonly origin: ChannelOrigin;
  /** A weight shape imposed from outside (the forward convolution reusing the first transposed layer's kernel). */
  readonly sharedWeight?: SharedWeight;
  /** The kernel layout when the caller already resolved (and reported) it; omit to resolve here. */
  readonly layout?: KernelLayout | undefined;
  readonly layoutResolved?: boolean;
  /** outChannels when neither the field nor the kernel gives it (default: the input channels). */
  readonly defaultOutChannels?: number;
}

export interface PlannedLayer {
  readonly plan: LayerPlan;
  /** Where the next layer's incoming channel count comes from. */
  readonly outOrigin: ChannelOrigin;
}
