/**
 * The one message contract between the extension host and the preview webview (the webview boundary; the
 * language server's is src/server/protocol.ts). Types and message names only; webviewMessageGuards.ts checks them.
 *
 * Handshake: the webview posts `ready` first; the host sends nothing before it. Every host message after
 * that is one of HostMessage, every webview message one of WebviewMessage; both sides check what they
 * receive with isHostMessage / isWebviewMessage (webviewMessageGuards.ts). Messages cross postMessage as JSON, so payloads hold only
 * JSON values: NaN and ±Infinity never appear in number arrays (tensors list them in `nonFinite`).
 *
 * Every string in a payload that comes from the spec (names, descriptions, messages quoting it) is data:
 * the webview renders it with textContent, never as markup.
 */
import type { PreviewStrings } from './preview/strings';

export type { PreviewStrings, StringKey } from './preview/strings';

export const PROTOCOL_VERSION = 1;

export const VIEW_IDS = ['shapes', 'grids', 'steps', 'matrix', 'symbolic', 'overlap', 'code', 'verify'] as const;
export type ViewId = (typeof VIEW_IDS)[number];

export const WEBVIEW_COMMANDS = ['verify', 'toggleSymbolic', 'openSpec'] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** A stretch of the spec text, by UTF-16 offsets (what the host's reveal needs). */
export interface TextSpan {
  readonly offset: number;
  readonly length: number;
}

export interface PreviewDiagnostic extends TextSpan {
  readonly code: string;
  readonly message: string;
  readonly severity: Severity;
  /** 1-based; columns count UTF-16 code units, like VS Code. */
  readonly line: number;
  readonly column: number;
}

// ───────────────────────────── payload ─────────────────────────────

/** The caps a payload was built with; every one is a count of numbers sent, never of numbers computed. */
export interface PreviewLimits {
  /** Elements sent per tensor; above it only the first planes (or the focused ones) are sent. */
  readonly maxTensorElements: number;
  /** Kernel-patch values sent per layer for the step-by-step picture, over all its (batch, channel) pictures. */
  readonly maxStepValues: number;
  /** Stored entries of W sent as CSR; above it a block map and one exact block are sent instead. */
  readonly maxMatrixNnz: number;
  /** Cells of the (input channel × output channel) block map; above it neighbouring channels are merged. */
  readonly maxBlockCells: number;
  /** Cells of W above which symbolic mode is off for a layer. */
  readonly maxSymbolicEntries: number;
  /** Multiply-adds the preview spends evaluating the chain (fast path above 2^20); later layers get shapes only. */
  readonly maxMultiplyAdds: number;
  /** Multiply-adds the preview spends verifying (exact float64 path, ~50× slower); later layers are verified by the Verify command. */
  readonly maxVerificationMultiplyAdds: number;
}

export interface PreviewPayload {
  /** The spec's `name`, or "" when it has none (the webview then shows the file name). */
  readonly title: string;
  readonly description: string | null;
  readonly dims: 1 | 2 | 3;
  readonly dtype: 'float64' | 'float32';
  /** The chain's shape walk: input, then each layer's output. */
  readonly walk: readonly WalkStep[];
  /** The paired forward convolution first (id "forward") when the spec has one, then the layers in order. */
  readonly layers: readonly LayerPayload[];
  /** The whole chain (every layer, skip connections included) in each framework, when it has more than one layer. */
  readonly chainCode?: readonly CodeSnippet[];
  /** The chain's layers without a weight (pool, upsample, pad, crop, concat, add), in order: the Grids view shows them. */
  readonly opLayers?: readonly OpLayerPayload[];
  readonly verification: VerificationPayload;
  /** Warnings and hints of the spec (a payload is only built when it has no error). */
  readonly warnings: readonly PreviewDiagnostic[];
  /** Caps hit and work skipped, in words. */
  readonly notes: readonly string[];
  readonly limits: PreviewLimits;
  readonly symbolic: boolean;
  /** Milliseconds buildPreviewPayload took. */
  readonly buildMs: number;
}

export interface WalkStep {
  /** "input", then each layer's name. */
  readonly label: string;
  readonly layerId: string | null;
  /** The tensor's shape after this step, batch included. */
  readonly shape: readonly number[];
  /** A layer without a weight (pool, upsample, pad, crop, concat, add): what it does, e.g. "MaxPool2d(kernel 2, …)". */
  readonly detail?: string | null;
  /** A skip connection (concat/add): the walk step whose output it joins (an index into `walk`), and that output's shape. */
  readonly skip?: { readonly from: number; readonly label: string; readonly shape: readonly number[] } | null;
}

export type LayerKind = 'convTranspose' | 'conv';

export interface LayerParamsPayload {
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly outputPadding: readonly number[];
  readonly dilation: readonly number[];
  readonly groups: number;
}

export interface DimPayload {
  /** "H", "W" or "L". */
  readonly axis: string;
  readonly inSize: number;
  readonly kernel: number;
  readonly stride: number;
  readonly padding: number;
  readonly dilation: number;
  readonly outputPadding: number;
  readonly out: number;
  /** In symbols: "H_out = (H_in − 1)·stride − …". */
  readonly formula: string;
  /** With numbers: "(2 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 4". */
  readonly substituted: string;
  /** The two typeset (the Shapes view; `formula` and `substituted` are the text it falls back to). */
  readonly tex: FormulaTexPayload;
  /** convTranspose: the output sizes PyTorch's output_size can reach (output_padding 0 … stride − 1). */
  readonly range: { readonly min: number; readonly max: number } | null;
  /**
   * convTranspose: the paired forward convolution (same kernel, stride, padding, dilation) applied to this
   * layer's output gives this size back; it equals inSize (d2l: "the same shape").
   */
  readonly forwardOfOutput: number | null;
  /** With a `forward` convolution: the output_padding with which the first transposed layer restores the spec's input size. */
  readonly roundTripOutputPadding: number | null;
}

/** An output-size formula and its numbers as KaTeX source: two lines aligned at "=" (src/preview/formulaTex.ts). */
export interface FormulaTexPayload {
  readonly source: string;
  /** The letters the source writes for spec fields ("s" for stride, "op" for output_padding), in that order. */
  readonly abbreviations: readonly { readonly symbol: string; readonly field: string }[];
  /** Words the formula text carried after it ("(k = dilation·(kernel − 1) + 1, keras' …)"), shown as text. */
  readonly remark: string | null;
}

/** A spec field the user can click to reveal it in the editor. */
export interface FieldSpan extends TextSpan {
  readonly field: string;
}

export interface LayerPayload {
  /** Stable across renders while the layer exists: "forward", "layer-0", "layer-1", … */
  readonly id: string;
  /** Position in the chain (0-based), −1 for the forward convolution. */
  readonly index: number;
  readonly name: string;
  readonly kind: LayerKind;
  /** "ConvTranspose2d(512 → 256, kernel 4×4, stride 2, padding 1, output_padding 0, dilation 1)". */
  readonly signature: string;
  /** The layer's object in the spec text, and its fields. */
  readonly span: TextSpan;
  readonly fields: readonly FieldSpan[];
  /** Batch included; PyTorch's weight layout. */
  readonly inputShape: readonly number[];
  readonly weightShape: readonly number[];
  readonly biasShape: readonly number[] | null;
  readonly outputShape: readonly number[];
  readonly params: LayerParamsPayload;
  readonly dims: readonly DimPayload[];
  /** Multiply-adds one evaluation of this layer takes (every kernel tap of every input element, all samples). */
  readonly multiplyAdds: number;
  /** Null when the values were not computed (over the budget, or a size cap); valuesNote says why. */
  readonly values: LayerValuesPayload | null;
  readonly valuesNote: string | null;
  /** The layer is within the memory budget: its planes can be asked for (a `requestPlanes` message). */
  readonly planesOnRequest?: boolean;
  /** 2-D transposed layers; 1-D ones have stepStrip instead. */
  readonly steps: StepsPayload | null;
  /** 1-D transposed layers: the step picture as a strip. */
  readonly stepStrip: StepStripPayload | null;
  readonly stepsNote: string | null;
  readonly matrix: MatrixPayload;
  readonly symbolic: SymbolicPayload | null;
  readonly symbolicNote: string | null;
  /** convTranspose only. */
  readonly overlap: OverlapPayload | null;
  readonly code: readonly CodeSnippet[];
}

export interface NonFiniteValue {
  /** Index into the whole tensor (row-major), not into the sent data. */
  readonly index: number;
  readonly value: 'NaN' | 'Infinity' | '-Infinity';
}

/**
 * A tensor as planes: the last two dimensions form a plane (1 × L for 1-D tensors, 1 × C for a bias),
 * the leading ones are flattened into the plane index. Input/output plane = n·C + c; a convTranspose
 * kernel plane = c_in·(C_out/groups) + c_out_local; a conv kernel plane = c_out·(C_in/groups) + c_in_local.
 * A 3-D tensor (N, C, D, H, W) has one plane per depth slice: plane = (n·C + c)·D + d (kernels alike).
 */
export interface TensorPayload {
  readonly shape: readonly number[];
  readonly planeShape: readonly [number, number];
  readonly planeCount: number;
  /** The planes sent are firstPlane … firstPlane + sentPlanes − 1, consecutive in `data`. */
  readonly firstPlane: number;
  readonly sentPlanes: number;
  /** Row-major; non-finite entries are 0 here and listed in nonFinite. */
  readonly data: readonly number[];
  readonly nonFinite: readonly NonFiniteValue[];
  /** Over the whole tensor, finite entries only (0, 0 when there are none). */
  readonly min: number;
  readonly max: number;
  /** Why not every plane was sent. */
  readonly note: string | null;
  /** The one plane sent is pooled (more than MAX_PLANE_SIDE entries a side, src/preview/downsample.ts); absent: sent whole. */
  readonly pooled?: PooledPlane;
}

/**
 * A large plane as sent: blocks of factor × factor entries (fewer at the last row and column), each sent as its
 * entry of largest |value|, sign kept; `data` holds rows × cols of them.
 */
export interface PooledPlane {
  readonly factor: number;
  readonly rows: number;
  readonly cols: number;
}

export interface LayerValuesPayload {
  readonly input: TensorPayload;
  readonly weight: TensorPayload;
  readonly bias: TensorPayload | null;
  readonly output: TensorPayload;
}

export type OpLayerKind = 'maxPool' | 'avgPool' | 'upsample' | 'pad' | 'crop' | 'concat' | 'add';

/**
 * A chain layer without a weight: its input(s) and output as planes. Output plane (n, c) comes from input plane
 * (n, c); a concat's output channels are the input's, then the skip's (src/preview/opPlanes.ts picks the planes).
 */
export interface OpLayerPayload {
  /** "layer-<index>", as the convolutions. */
  readonly id: string;
  readonly index: number;
  readonly name: string;
  readonly op: OpLayerKind;
  /** What it does with its parameters: "MaxPool2d(kernel 2, stride 2, padding 0)", "cat([x, enc1], dim=1)". */
  readonly signature: string;
  readonly span: TextSpan;
  readonly inputShape: readonly number[];
  readonly outputShape: readonly number[];
  /** concat/add: the earlier output joined (`with`), its name and shape. */
  readonly skipName: string | null;
  readonly skipShape: readonly number[] | null;
  /** 3-D pad/crop: output depth slice d shows input slice d − depthShift (the front padding, or minus the crop's begin). */
  readonly depthShift: number;
  readonly values: OpValuesPayload | null;
  readonly valuesNote: string | null;
  /** Within the memory budget: its planes can be asked for (a `requestPlanes` message). */
  readonly planesOnRequest: boolean;
}

export interface OpValuesPayload {
  readonly input: TensorPayload;
  /** concat/add: the joined earlier output. */
  readonly skip: TensorPayload | null;
  readonly output: TensorPayload;
}

/** The planes of one layer for one focus, each a TensorPayload with that one plane (pooled when large). */
export interface FocusedPlanesPayload {
  readonly input: TensorPayload | null;
  /** Convolutions: the kernel plane and the bias. */
  readonly weight: TensorPayload | null;
  readonly bias: TensorPayload | null;
  /** concat/add: the joined earlier output. */
  readonly skip: TensorPayload | null;
  readonly output: TensorPayload | null;
  /** Why there are no planes (the memory budget, an engine error); null when they are here. */
  readonly note: string | null;
}

/** d2l Fig. 14.10.1/14.10.2 generalised: one input element times the kernel, placed on the canvas. */
export interface StepPayload {
  readonly channel: number;
  readonly row: number;
  readonly col: number;
  readonly value: number;
  /** Canvas cell of kernel tap (0, 0); tap (a, b) lands at (top + a·dilation, left + b·dilation). */
  readonly top: number;
  readonly left: number;
  /** value·K, kH × kW row-major. */
  readonly patch: readonly number[];
}

export interface StepPicture {
  readonly batch: number;
  readonly outChannel: number;
  readonly bias: number;
  readonly steps: readonly StepPayload[];
  /** All steps summed on the canvas, before the crop and the bias. */
  readonly canvasSum: readonly number[];
  /** The crop plus bias: equals the output plane (batch, outChannel). */
  readonly output: readonly number[];
}

export interface StepsPayload {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly canvas: readonly [number, number];
  /** Rows/columns cut by padding at the top/left; the output starts here on the canvas. */
  readonly cropStart: readonly [number, number];
  readonly outputSize: readonly [number, number];
  /** The last rows/columns of the output that exist only because of output_padding. */
  readonly outputPadding: readonly [number, number];
  /** Pictures are (batch, outChannel) planes, index batch·C_out + outChannel; these are consecutive from firstPicture. */
  readonly pictureCount: number;
  readonly firstPicture: number;
  readonly pictures: readonly StepPicture[];
  readonly note: string | null;
}

/**
 * A 1-D transposed layer's step picture, for one (batch, input channel, output channel): step i places x[i] times
 * the kernel row on the canvas at i·stride, its taps dilation apart (d2l Fig. 14.10.1 along a line). Only the
 * input row and the kernel row are sent; the webview forms each step and the running sum as the user steps
 * (src/preview/stepStrip.ts), so a 4,096-long input costs 4,096 numbers, not 4,096 patches.
 */
export interface StepStripPayload {
  readonly batch: number;
  readonly inChannel: number;
  readonly outChannel: number;
  readonly kernel: number;
  readonly stride: number;
  readonly dilation: number;
  /** The canvas drawn is canvas cells, the first being cell canvasStart of the whole (uncropped) canvas. */
  readonly canvasStart: number;
  readonly canvas: number;
  /** The output is cells cropStart … cropStart + outputSize − 1 of the whole canvas; the rest is cut by padding (or a trim). */
  readonly cropStart: number;
  readonly outputSize: number;
  /** The last outputPadding cells of the output exist only because of output_padding (or zeros a padding rule adds). */
  readonly outputPadding: number;
  /** L; the steps sent are those of input positions firstStep … firstStep + input.length − 1. */
  readonly inputLength: number;
  readonly firstStep: number;
  /** x[batch, inChannel, firstStep …]. */
  readonly input: readonly number[];
  /** The kernel row this input channel uses for this output channel (w[inChannel, outChannel mod C_out/groups, :]). */
  readonly weights: readonly number[];
  /** Input channels whose strips add up to the output channel (C_in / groups); the bias is added after the crop. */
  readonly channelsPerOutput: number;
  readonly bias: number;
}

export interface CsrPayload {
  readonly rowPtr: readonly number[];
  readonly colIdx: readonly number[];
  readonly values: readonly number[];
}

export interface MatrixStatsPayload {
  readonly nnz: number;
  readonly density: number;
  readonly bytesDense: number;
  readonly bytesCsr: number;
  readonly bytesKernel: number;
  /** Per sample; a multiply and an add count as two FLOPs (d2l §14.10 exercise 2). W as a dense matrix: */
  readonly flopsDense: number;
  /** W in CSR, the same as a scatter that skips out-of-bounds taps: */
  readonly flopsSparse: number;
  /** A scatter over every kernel tap of every input element, in bounds or not: */
  readonly flopsDirect: number;
}

/**
 * W for one sample, block by block: block (i, j) holds the rows of row-channel i and the columns of
 * column-channel j. Each block is the same spatial pattern scaled by one kernel plane.
 */
export interface BlockMapPayload {
  readonly blockRows: number;
  readonly blockCols: number;
  /** Channels merged into one block-map cell (1 unless the map was over maxBlockCells). */
  readonly channelsPerRow: number;
  readonly channelsPerCol: number;
  /** Rows and columns of W in one channel block (the spatial sizes). */
  readonly blockHeight: number;
  readonly blockWidth: number;
  /** blockRows × blockCols row-major: max |w| of the block's kernel plane(s); 0 outside the groups. */
  readonly magnitudes: readonly number[];
  /** False when the weights were not computed: magnitudes are then 1 (structural) or 0. */
  readonly valuesKnown: boolean;
  /** The exact pattern of block (0, 0), with its kernel plane's values (1s when not computed); null above maxMatrixNnz. */
  readonly block: { readonly rows: number; readonly cols: number; readonly csr: CsrPayload } | null;
}

export interface MatrixPayload {
  /**
   * 'input': W is the paired convolution's matrix of a transposed layer: rows are the layer's input
   * elements, columns its output elements, and the layer computes vec(out) = Wᵀ·vec(in).
   * 'output': a forward convolution: rows are output elements, columns input elements, vec(out) = W·vec(in).
   */
  readonly rowsAre: 'input' | 'output';
  readonly rows: number;
  readonly cols: number;
  /** Per-sample shapes the rows and columns flatten, (C, H, W) or (C, L). */
  readonly rowShape: readonly number[];
  readonly colShape: readonly number[];
  readonly stats: MatrixStatsPayload;
  /** The whole matrix when nnz ≤ maxMatrixNnz; structural entries are kept even when their weight is 0. */
  readonly csr: CsrPayload | null;
  /** False when the layer's weights were not computed: csr then holds 1 at every structural entry. */
  readonly valuesKnown: boolean;
  readonly blocks: BlockMapPayload | null;
  readonly note: string | null;
}

export interface SymbolPayload {
  readonly unicode: string;
  readonly latex: string;
}

export interface SymbolicPayload {
  /** The paired convolution's W with weight symbols: rows the layer's input symbols, columns its output symbols. */
  readonly rows: number;
  readonly cols: number;
  readonly rowSymbols: readonly SymbolPayload[];
  readonly colSymbols: readonly SymbolPayload[];
  /** rows × cols row-major: an index into `weights`, −1 for a structural zero. */
  readonly cells: readonly number[];
  readonly weights: readonly SymbolPayload[];
  /** out_j = Σ w·x, one per output element of sample 0, in vec order. */
  readonly outputs: readonly SymbolPayload[];
}

/** How many kernel taps reach each output position, per input channel; the map is countsH ⊗ countsW. */
export interface OverlapPayload {
  readonly countsH: readonly number[];
  readonly countsW: readonly number[];
  /**
   * Away from the borders the count depends only on the position modulo stride: one entry per residue; for a
   * stride above MAX_LISTED_RESIDUES (overlapPayload.ts), residue 0's count, then the other counts that occur.
   */
  readonly interiorH: readonly number[];
  readonly interiorW: readonly number[];
  /** Interior counts differ between residues (kernel % stride ≠ 0 for dilation 1): checkerboard artifacts. */
  readonly unevenH: boolean;
  readonly unevenW: boolean;
  /** 3-D layers: the depth axis, whose count multiplies every cell of a depth slice. */
  readonly countsD?: readonly number[];
  readonly interiorD?: readonly number[];
  readonly unevenD?: boolean;
  readonly min: number;
  readonly max: number;
  /** Input channels each tap count is multiplied by (C_in / groups). */
  readonly channelsPerTap: number;
  readonly note: string;
  /** Per axis (L; H, W; D, H, W), where its counts repeat: what the view writes instead of every count. */
  readonly axes: readonly OverlapAxisPayload[];
}

/**
 * One axis of the overlap in short: `head` positions at the start and `tail` at the end (the borders, where the
 * input does not reach every tap) differ from the interior, which repeats every `stride` positions (interiorH/W/D by
 * position modulo stride). No interior when head + tail covers the axis.
 */
export interface OverlapAxisPayload {
  readonly axis: string;
  readonly length: number;
  readonly stride: number;
  readonly head: number;
  readonly tail: number;
  /** False for a stride above MAX_LISTED_RESIDUES, whose interior counts are not listed per residue. */
  readonly periodic: boolean;
}

export type CodeFramework = 'pytorch' | 'tensorflow' | 'onnx' | 'jax';

export interface CodeSnippet {
  readonly framework: CodeFramework;
  readonly title: string;
  readonly language: 'python';
  readonly code: string;
  /** Caveats in words: weight layout conversions, padding mappings that do not exist, … */
  readonly notes: readonly string[];
}

export type VerificationStatus = 'passed' | 'failed' | 'notRun';

export interface VerificationResultPayload {
  readonly name: string;
  readonly title: string;
  readonly status: VerificationStatus;
  /** One line with the numbers. */
  readonly summary: string;
  readonly notRun: string | null;
  readonly details: Readonly<Record<string, number | string | boolean | readonly number[]>>;
}

export interface LayerVerificationPayload {
  readonly layerId: string;
  readonly layerName: string;
  readonly results: readonly VerificationResultPayload[];
  readonly error: string | null;
}

export interface VerificationPayload {
  /** 'preview': run while building the payload (on the layers within the budget); 'command': the Verify command. */
  readonly source: 'preview' | 'command';
  /** passed: everything that ran passed and something ran. */
  readonly status: VerificationStatus;
  readonly counts: { readonly passed: number; readonly failed: number; readonly notRun: number };
  readonly layers: readonly LayerVerificationPayload[];
  readonly note: string | null;
}

// ───────────────────────────── state ─────────────────────────────

/** What the webview persists with setState; the host's WebviewPanelSerializer receives it on restore. */
export interface PreviewState {
  readonly documentUri: string | null;
  readonly view: ViewId;
  readonly layerId: string | null;
  readonly batch: number;
  readonly inChannel: number;
  readonly outChannel: number;
  /** Stepper position in the Steps view (number of steps applied). */
  readonly step: number;
  /** Grid zoom factor, 0.5 … 3. */
  readonly zoom: number;
  /** 3-D layers: the output depth slice shown (input and kernel show the slices that reach it); absent = 0. */
  readonly depth?: number;
}

/** The planes the webview wants values for (a `selection` message; buildPreviewPayload's `focus`). */
export interface PreviewFocus {
  readonly layerId: string;
  readonly batch: number;
  readonly inChannel: number;
  readonly outChannel: number;
  /** 3-D layers: the depth slice, as PreviewState.depth. */
  readonly depth?: number;
}

// ───────────────────────────── messages ─────────────────────────────

export interface RenderMessage {
  readonly type: 'render';
  /** The document version the payload was built from; the webview ignores a render older than the last one. */
  readonly version: number;
  readonly documentUri: string;
  readonly fileName: string;
  readonly payload: PreviewPayload;
}

/**
 * The spec has errors: the webview keeps the last good render, dimmed, with these on top, if that render is of
 * the same document; a render of another document is dropped and the errors show alone.
 */
export interface ErrorMessage {
  readonly type: 'error';
  readonly version: number;
  readonly documentUri: string;
  readonly fileName: string;
  readonly message: string;
  readonly diagnostics: readonly PreviewDiagnostic[];
}

export interface SetViewMessage {
  readonly type: 'setView';
  readonly view: ViewId;
  readonly layerId?: string;
}

/** Localised labels; keys the webview does not know are ignored, missing ones stay English. */
export interface StringsMessage {
  readonly type: 'strings';
  readonly strings: PreviewStrings;
}

/** Results of the Verify command (all layers, no budget), shown in the Verify view. */
export interface VerificationMessage {
  readonly type: 'verification';
  readonly version: number;
  readonly verification: VerificationPayload;
}

/** The answer to a `requestPlanes`: the planes of that focus, computed for the render `version` is. */
export interface PlanesMessage {
  readonly type: 'planes';
  /** The render (RenderMessage.version) the planes belong to; the webview drops them once another render arrived. */
  readonly version: number;
  readonly focus: PreviewFocus;
  readonly planes: FocusedPlanesPayload;
}

export type HostMessage =
  RenderMessage | ErrorMessage | SetViewMessage | StringsMessage | VerificationMessage | PlanesMessage;

export interface ReadyMessage {
  readonly type: 'ready';
  readonly protocol: number;
  /** What getState returned at start (null on a fresh panel). */
  readonly state: PreviewState | null;
}

/** The user clicked a layer, field or diagnostic: reveal that text in the editor. */
export interface RevealMessage {
  readonly type: 'reveal';
  readonly offset: number;
  readonly length: number;
}

export interface CommandMessage {
  readonly type: 'command';
  readonly command: WebviewCommand;
}

/** The user selected planes the payload left out (caps or budget): send a render built with this focus. */
export interface SelectionMessage extends PreviewFocus {
  readonly type: 'selection';
}

/** navigator.clipboard failed: the host copies the text instead. */
export interface CopyMessage {
  readonly type: 'copy';
  readonly text: string;
}

/**
 * The Grids view shows planes the render did not send (a plane above the cap, a layer past the preview's budget, a
 * channel not sent): the host answers with a `planes` message holding just those planes.
 */
export interface RequestPlanesMessage extends PreviewFocus {
  readonly type: 'requestPlanes';
}

export type WebviewMessage =
  ReadyMessage | RevealMessage | CommandMessage | SelectionMessage | CopyMessage | RequestPlanesMessage;
