import * as l10n from '@vscode/l10n';
import type { ConvMatrix, ForwardConvOptions, MatrixLimits, MatrixSize } from '../matrix';
import type { ConvOptions } from '../params';
import type { BroadcastPicture } from '../steps';
import type { Tensor } from '../tensor';

export const VERIFICATION_NAMES = [
  'scatter',
  'matrix',
  'transpose',
  'roundTrip',
  'adjoint',
  'gradient',
  'reconstruction',
  'cost',
] as const;
export type VerificationName = (typeof VERIFICATION_NAMES)[number];

export function isVerificationName(name: string): name is VerificationName {
  return (VERIFICATION_NAMES as readonly string[]).includes(name);
}

/**
 * The check's title in the display language. Titles that are formulas stay as they are; the others are
 * translated when asked for (never at module load: the translation bundle is configured after import).
 */
export function verificationTitle(name: VerificationName): string {
  switch (name) {
    case 'scatter':
      return l10n.t("d2l's scatter picture = engine output");
    case 'matrix':
      return 'W·vec(X) = conv(X)';
    case 'transpose':
      return 'Wᵀ·vec(Y) = convTranspose(Y)';
    case 'roundTrip':
      return l10n.t('conv → convTranspose restores the shape');
    case 'adjoint':
      return '⟨W x, y⟩ = ⟨x, Wᵀ y⟩';
    case 'gradient':
      return 'convTranspose(Y) = ∂⟨conv(X), Y⟩/∂X';
    case 'reconstruction':
      return l10n.t('Z = convTranspose(conv(X)) vs X (d2l exercise 1)');
    case 'cost':
      return l10n.t('Cost: W as a matrix vs the direct scatter (d2l exercise 2)');
  }
}

/** One transposed-convolution layer (1-D or 2-D), PyTorch layout: weight (C_in, C_out/groups, ...k). */
export interface TransposedConvLayer {
  readonly input: Tensor;
  readonly weight: Tensor;
  readonly bias: Tensor | null;
  readonly options: ConvOptions;
}

export type DetailValue = number | string | boolean | number[];

export interface VerificationResult {
  readonly name: VerificationName;
  readonly title: string;
  readonly passed: boolean;
  /** One line with the numbers, e.g. "max |Δ| = 3.1e-16 ≤ 1e-9 over 16 entries". */
  readonly summary: string;
  readonly details: Record<string, DetailValue>;
  /** Why the check was skipped (a size cap); passed is then false. */
  readonly notRun?: string;
}

/** The engine operations the checks exercise. */
export interface VerifyOps {
  conv(input: Tensor, weight: Tensor, bias: Tensor | null, options: ForwardConvOptions): Tensor;
  convTranspose(input: Tensor, weight: Tensor, bias: Tensor | null, options: ConvOptions): Tensor;
  transposedConvMatrix(
    inputShape: readonly number[],
    weight: Tensor,
    options: ConvOptions,
    limits: MatrixLimits,
  ): ConvMatrix;
  transposedConvMatrixSize(
    inputShape: readonly number[],
    weightShape: readonly number[],
    options: ConvOptions,
  ): MatrixSize;
  broadcastSteps(
    input: Tensor,
    weight: Tensor,
    bias: Tensor | null,
    options: ConvOptions,
    select: { batch: number; outChannel: number },
  ): BroadcastPicture;
}

export interface VerifyOptions {
  /** Seed of the random tensors the checks draw (default 0). */
  readonly seed?: number;
  /**
   * Which path the engine's layer-sized conv and convTranspose take in the checks: 'auto' (default) is the exact
   * float64 path below FAST_PATH_MIN_MACS multiply-adds and the float32 fast path from it up, whose rounding each
   * comparison then allows for (verify/precision.ts); 'exact' always compares at rtol in float64.
   */
  readonly path?: 'auto' | 'exact' | 'fast';
  /** Relative tolerance of every float64 comparison (default 1e-9). */
  readonly rtol?: number;
  /** roundTrip: the forward convolution's input shape (default: the layer's output shape). */
  readonly forwardInputShape?: readonly number[];
  /** reconstruction: X (default: arange over the layer's output shape, as in d2l). */
  readonly reconstructionInput?: Tensor;
  /** matrix, transpose: refuse to build W above this many entries (default DEFAULT_MAX_NNZ). */
  readonly maxNnz?: number;
  /** scatter: refuse above this many broadcast steps over all planes (default 65536). */
  readonly maxScatterSteps?: number;
  /**
   * gradient: 'auto' uses every Jacobian column up to 4096 input elements and 256 of them at seeded inputs above;
   * 'finite-differences' differences at 64 seeded positions.
   */
  readonly gradientMethod?: 'auto' | 'jacobian' | 'finite-differences';
  /**
   * Replaces engine operations, so a test can show that each check fails when the operation it
   * checks is wrong. Not for production use.
   */
  readonly ops?: Partial<VerifyOps>;
}
