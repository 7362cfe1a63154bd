/** Diagnostics about a `*.tconv.json` spec, positioned by character offsets into its text. */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Replace `length` characters at `offset` with `newText` (an insertion when length is 0). */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly isPreferred?: boolean;
}

/** Another place in the same spec that explains the diagnostic (e.g. the layer that set the channel count). */
export interface RelatedLocation {
  readonly offset: number;
  readonly length: number;
  readonly message: string;
}

export interface SpecDiagnostic {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly severity: Severity;
  readonly offset: number;
  readonly length: number;
  readonly fixes?: readonly Fix[];
  readonly related?: readonly RelatedLocation[];
}

export interface DiagnosticInfo {
  readonly severity: Severity;
  /** One line for the README and the diagnostic's help link. */
  readonly summary: string;
}

/** Every code a spec diagnostic can carry. */
export const DIAGNOSTIC_CODES = {
  syntax: {
    severity: 'error',
    summary: 'The text is not valid JSON with comments: a missing comma, quote, colon or bracket.',
  },
  'duplicate-key': {
    severity: 'warning',
    summary: 'A property appears twice in the same object; only the last one counts.',
  },
  schema: {
    severity: 'error',
    summary:
      'A property is unknown, has the wrong type, or holds a value outside the allowed set (see schemas/tconv.schema.json).',
  },
  'layer-missing': {
    severity: 'error',
    summary: 'A spec needs exactly one of "layer" (one layer) or "layers" (a chain).',
  },
  'shape-missing': { severity: 'error', summary: 'The input has neither "shape" nor "data", so its size is unknown.' },
  'shape-rank': {
    severity: 'error',
    summary:
      'A shape or nested data has a rank that does not fit "dims" (2-D: [H,W], [C,H,W], [N,C,H,W]; 1-D: [L], [C,L], [N,C,L]).',
  },
  'tuple-length': {
    severity: 'error',
    summary: 'A per-dimension hyperparameter lists more or fewer values than "dims".',
  },
  'data-shape': {
    severity: 'error',
    summary:
      'Nested "data" does not match the declared "shape" (or is ragged); the first row of the wrong length is marked.',
  },
  'kernel-size-missing': {
    severity: 'error',
    summary: 'The kernel has no shape or data, so "kernelSize" is needed to know its size.',
  },
  'kernel-shape': {
    severity: 'error',
    summary:
      'The kernel\'s shape disagrees with "kernelSize" or with the layer\'s channels (a [kH,kW] kernel means one channel in, one out per group).',
  },
  'channel-mismatch': {
    severity: 'error',
    summary:
      'A layer receives a different number of channels than its kernel or "inChannels" expects, or "outChannels" disagrees with the kernel.',
  },
  'groups-not-divisible': {
    severity: 'error',
    summary: '"groups" must divide both the input and the output channel counts.',
  },
  'bias-shape': { severity: 'error', summary: 'The bias must be 1-D with one value per output channel.' },
  'output-padding-range': {
    severity: 'error',
    summary: 'PyTorch requires output_padding < max(stride, dilation) in every dimension.',
  },
  'output-size-nonpositive': {
    severity: 'error',
    summary:
      'The computed output size is zero or negative (padding too large, or a forward kernel larger than the padded input).',
  },
  'pool-padding': {
    severity: 'error',
    summary: 'A maxPool/avgPool layer pads more than half its kernel size, which PyTorch rejects.',
  },
  'layer-options': {
    severity: 'error',
    summary:
      'A pool, upsample, pad or crop layer lacks the field its type needs, or combines fields that exclude each other (e.g. upsample with both "scaleFactor" and "size", "alignCorners" with mode "nearest", "bilinear" in a 1-D spec).',
  },
  'crop-size': {
    severity: 'error',
    summary: 'A crop layer asks for a size larger than its input; a crop only removes rows (a pad layer adds them).',
  },
  'skip-source': {
    severity: 'error',
    summary:
      'The "with" of a concat/add layer names no earlier output (the fix offers the closest name), or names a later layer.',
  },
  'skip-mismatch': {
    severity: 'error',
    summary:
      'A concat (torch.cat along channels) or add joins tensors whose sizes differ, such as the U-Net off-by-one (decoder 118 against skip 119); the fixes set outputPadding on the nearest transposed layer or insert a pad/crop layer.',
  },
  'duplicate-name': {
    severity: 'error',
    summary: 'Two layers have the same "name" (or a layer is named "input") and a skip connection refers to that name.',
  },
  'expected-shape': {
    severity: 'error',
    summary: '"expect.outputShape" (or the nesting of "expect.output") differs from the computed output shape.',
  },
  'expected-values': {
    severity: 'error',
    summary: '"expect.output" differs from the computed output by more than the tolerance.',
  },
  'target-size': {
    severity: 'error',
    summary:
      '"expect.outputSize" is not the computed spatial size; the fix sets the output_padding that reaches it when PyTorch allows one.',
  },
  'round-trip': {
    severity: 'error',
    summary:
      'With "forward", input → forward → layers must give back the input shape; the fix sets the output_padding that does.',
  },
  'padding-conflict': {
    severity: 'error',
    summary:
      'Two ways of writing one padding: "pads" with a numeric "padding", "autoPad" with "pads", Keras "same"/"valid" with ONNX fields, or "outputShape" with explicit padding.',
  },
  'pads-length': {
    severity: 'error',
    summary: '"pads" lists begin values then end values, one per dimension: 2·dims values.',
  },
  'output-shape-unreachable': {
    severity: 'error',
    summary:
      '"outputShape" cannot be reached: ONNX derives the padding from it, and it may exceed the canvas plus output_padding by at most stride − 1.',
  },
  'trim-too-large': { severity: 'error', summary: '"trim" removes the whole output (or more) of its layer.' },
  'keras-rejects': {
    severity: 'error',
    summary:
      'TensorFlow/Keras would refuse this padding="same"/"valid" layer: output_padding ≥ stride, or an output length its convolution does not map back to the input.',
  },
  'size-cap': {
    severity: 'error',
    summary:
      'A size is too large to compute exactly in float64 (a term of its formula beyond 2⁵¹); nothing is allocated.',
  },
  'memory-budget': {
    severity: 'info',
    summary:
      "(Information.) A layer's values need more memory than tconv.memoryBudget allows: shapes are exact, its values (and the later layers') are not computed.",
  },
  'float32-range': {
    severity: 'warning',
    summary: 'With "dtype": "float32", a value beyond ±3.4·10³⁸ would become ±Infinity.',
  },
  'ignored-field': { severity: 'warning', summary: 'A property has no effect here (e.g. "init" next to "data").' },
  io: {
    severity: 'error',
    summary: 'The spec file could not be read (reported by the CLI and editor adapters, which do the reading).',
  },
  internal: {
    severity: 'error',
    summary: 'The validator failed unexpectedly on this text; this is a bug in tconv, please report it with the spec.',
  },
} as const satisfies Record<string, DiagnosticInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, value);
}

export function hasErrors(diagnostics: readonly SpecDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
