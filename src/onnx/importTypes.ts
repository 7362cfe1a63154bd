/** What `tconv import` takes and gives: its options, the notes on what was left out, the result and its errors. */
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
