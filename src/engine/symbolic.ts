/**
 * Symbolic mode for small transposed convolutions: every output entry as Σ w·x, the matrix W with
 * weight symbols, and C = ∂vec(out)/∂vec(x) = Wᵀ. x is the transposed convolution's input (one sample).
 *
 * Symbol names use 1-based indices:
 *   - spatial indices are written together when all are single digits (w₁₂, x₂₁, out₃₄), otherwise
 *     separated by commas (x₁₀,₂);
 *   - channel indices come first, each followed by a comma, and only when that tensor has more than one
 *     channel: x₂,₁₁ is input channel 2 at (1, 1); out₃,₁₁ is output channel 3; the weight shows both its
 *     channel indices (C_in, C_out/groups, PyTorch's layout) when either exceeds 1: w₁,₂,₁₁.
 *   - LaTeX always separates with commas: w_{1,2,1,1}, x_{1,1}, \mathrm{out}_{2,2}.
 * Bias is not part of the expressions (it adds a constant per output channel).
 */
import { EngineError } from './errors';
import { transposeCsr, transposedConvMatrix, transposedConvMatrixSize, type CsrMatrix } from './matrix';
import { normalizeParams, type ConvOptions } from './params';
import { convTransposeOutputShape } from './checks';
import { stridesOf, type Tensor } from './tensor';

export const MAX_SYMBOLIC_ENTRIES = 4096;

export type SymbolKind = 'w' | 'x' | 'out';

export interface SymbolRef {
  readonly kind: SymbolKind;
  /** The indices shown, 1-based: leading channel indices (channelCount of them), then spatial ones. */
  readonly index: readonly number[];
  readonly channelCount: number;
  /** Flat 0-based offset into the tensor (one sample for x and out). */
  readonly offset: number;
}

export interface SymbolicTerm {
  readonly weight: SymbolRef;
  readonly input: SymbolRef;
}

export interface SymbolicExpression {
  readonly output: SymbolRef;
  /** Ordered by the input's offset. */
  readonly terms: readonly SymbolicTerm[];
}

export interface SymbolicMatrix {
  readonly rows: number;
  readonly cols: number;
  readonly rowSymbols: readonly SymbolRef[];
  readonly colSymbols: readonly SymbolRef[];
  /** Row-major; a weight symbol or null for a structural zero. */
  readonly cells: readonly (SymbolRef | null)[];
}

export interface SymbolicLayer {
  readonly inputSymbols: readonly SymbolRef[];
  readonly outputSymbols: readonly SymbolRef[];
  readonly weightSymbols: readonly SymbolRef[];
  /** The paired convolution's matrix: rows x (the layer's input), columns out. */
  readonly W: SymbolicMatrix;
  /** ∂vec(out)/∂vec(x) = Wᵀ: rows out, columns x. */
  readonly C: SymbolicMatrix;
  /** out_j = Σ w·x, one per output element in vec order. */
  readonly outputs: readonly SymbolicExpression[];
}

/** Symbols of every element of a tensor of this shape; `channelDims` leading dimensions are channels. */
function symbolsOf(
  kind: SymbolKind,
  shape: readonly number[],
  channelDims: number,
  showChannels: boolean,
): SymbolRef[] {
  const strides = stridesOf(shape);
  const total = shape.reduce((a, b) => a * b, 1);
  const skip = showChannels ? 0 : channelDims;
  const symbols: SymbolRef[] = [];
  for (let offset = 0; offset < total; offset++) {
    const index: number[] = [];
    for (let d = skip; d < shape.length; d++) index.push((Math.floor(offset / strides[d]) % shape[d]) + 1);
    symbols.push({ kind, index, channelCount: channelDims - skip, offset });
  }
  return symbols;
}

function symbolicMatrix(
  m: CsrMatrix,
  rowSymbols: SymbolRef[],
  colSymbols: SymbolRef[],
  weights: SymbolRef[],
): SymbolicMatrix {
  const cells = new Array<SymbolRef | null>(m.rows * m.cols).fill(null);
  for (let r = 0; r < m.rows; r++) {
    for (let e = m.rowPtr[r]; e < m.rowPtr[r + 1]; e++) cells[r * m.cols + m.colIdx[e]] = weights[m.values[e] - 1];
  }
  return { rows: m.rows, cols: m.cols, rowSymbols, colSymbols, cells };
}

/**
 * The symbolic transposed convolution for an input of shape (N, C_in, ...) (batch ignored) and a weight
 * of shape (C_in, C_out/groups, ...k). Refuses (EngineError 'size-cap') when W has more than maxEntries cells.
 */
export function symbolicTransposedConv(
  inputShape: readonly number[],
  weightShape: readonly number[],
  options: ConvOptions = {},
  maxEntries = MAX_SYMBOLIC_ENTRIES,
): SymbolicLayer {
  const size = transposedConvMatrixSize(inputShape, weightShape, options);
  if (size.rows * size.cols > maxEntries) {
    throw new EngineError(
      'size-cap',
      `symbolic mode is limited to ${maxEntries} matrix entries, this layer's W is ${size.rows}×${size.cols}`,
      {
        rows: size.rows,
        cols: size.cols,
        cap: maxEntries,
      },
    );
  }
  const params = normalizeParams(inputShape.length - 2, options);
  const outputShape = convTransposeOutputShape(inputShape, weightShape, null, params);
  // Weight entries numbered offset + 1, so W's values say which weight each cell holds (0 stays "no tap").
  const numbering = new Float64Array(weightShape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < numbering.length; i++) numbering[i] = i + 1;
  const W = transposedConvMatrix(inputShape, { shape: weightShape, data: numbering }, options);
  const C = transposeCsr(W);

  const inputSymbols = symbolsOf('x', inputShape.slice(1), 1, inputShape[1] > 1);
  const outputSymbols = symbolsOf('out', outputShape.slice(1), 1, outputShape[1] > 1);
  const weightSymbols = symbolsOf('w', weightShape, 2, weightShape[0] > 1 || weightShape[1] > 1);
  const outputs: SymbolicExpression[] = outputSymbols.map((output, j) => {
    const terms: SymbolicTerm[] = [];
    for (let e = C.rowPtr[j]; e < C.rowPtr[j + 1]; e++)
      terms.push({ weight: weightSymbols[C.values[e] - 1], input: inputSymbols[C.colIdx[e]] });
    return { output, terms };
  });
  return {
    inputSymbols,
    outputSymbols,
    weightSymbols,
    W: symbolicMatrix(W, inputSymbols, outputSymbols, weightSymbols),
    C: symbolicMatrix(C, outputSymbols, inputSymbols, weightSymbols),
    outputs,
  };
}

const SUBSCRIPT_DIGITS = '₀₁₂₃₄₅₆₇₈₉';

function subscript(n: number): string {
  return String(n).replace(/\d/g, (d) => SUBSCRIPT_DIGITS[Number(d)]);
}

export function symbolToUnicode(s: SymbolRef): string {
  const channels = s.index
    .slice(0, s.channelCount)
    .map((i) => `${subscript(i)},`)
    .join('');
  const spatial = s.index.slice(s.channelCount);
  const joiner = spatial.every((i) => i < 10) ? '' : ',';
  return `${s.kind}${channels}${spatial.map(subscript).join(joiner)}`;
}

export function symbolToLatex(s: SymbolRef): string {
  const name = s.kind === 'out' ? '\\mathrm{out}' : s.kind;
  return `${name}_{${s.index.join(',')}}`;
}

/** "w₁₁x₁₁ + w₁₂x₁₂"; "0" when there are no terms. */
export function toUnicode(terms: readonly SymbolicTerm[]): string {
  return terms.length === 0 ? '0' : terms.map((t) => symbolToUnicode(t.weight) + symbolToUnicode(t.input)).join(' + ');
}

/** "w_{1,1} x_{1,1} + w_{1,2} x_{1,2}"; "0" when there are no terms. */
export function toLatex(terms: readonly SymbolicTerm[]): string {
  return terms.length === 0
    ? '0'
    : terms.map((t) => `${symbolToLatex(t.weight)} ${symbolToLatex(t.input)}`).join(' + ');
}

/** "out₂₂ = w₂₂x₁₁ + …". */
export function equationToUnicode(e: SymbolicExpression): string {
  return `${symbolToUnicode(e.output)} = ${toUnicode(e.terms)}`;
}

export function equationToLatex(e: SymbolicExpression): string {
  return `${symbolToLatex(e.output)} = ${toLatex(e.terms)}`;
}

/** The expression's value with numbers substituted: weight is the full tensor, input one sample (sample 0 of a batch). */
export function evaluateExpression(e: SymbolicExpression, weight: Tensor, input: Tensor): number {
  let s = 0;
  for (const t of e.terms) s += weight.data[t.weight.offset] * input.data[t.input.offset];
  return s;
}
