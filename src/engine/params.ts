import { EngineError } from './errors';

export type IntOrTuple = number | readonly number[];

/**
 * Which convTranspose implementation runs: 'exact' is the reference scatter (float64 sums for float64 tensors),
 * 'fast' the float32 matrix-product path of src/engine/fast (within 1e-4 of max|output|, typically ~1e-6),
 * 'auto' (the default) picks 'fast' from FAST_PATH_MIN_MACS multiply-adds up (see convTranspose.ts).
 */
export type ComputePath = 'exact' | 'fast' | 'auto';

/** `options.path`, 'auto' when omitted; a value that is not a ComputePath throws. */
export function computePathOf(options: { readonly path?: ComputePath }): ComputePath {
  const path = options.path ?? 'auto';
  if (path !== 'auto' && path !== 'exact' && path !== 'fast') {
    throw new EngineError('invalid-parameter', `path must be 'exact', 'fast' or 'auto', got ${String(path)}`, {
      name: 'path',
      value: path,
    });
  }
  return path;
}

/** Hyperparameters as a user writes them: a scalar applies to every spatial dimension. */
export interface ConvOptions {
  readonly stride?: IntOrTuple;
  readonly padding?: IntOrTuple;
  readonly outputPadding?: IntOrTuple;
  readonly dilation?: IntOrTuple;
  readonly groups?: number;
  /** convTranspose only (conv ignores it); output dtype is the input's either way. */
  readonly path?: ComputePath;
}

/** Hyperparameters with one entry per spatial dimension (H, W for 2-D; L for 1-D). */
export interface ConvParams {
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly outputPadding: readonly number[];
  readonly dilation: readonly number[];
  readonly groups: number;
}

export type ParamName = 'stride' | 'padding' | 'outputPadding' | 'dilation';

const MINIMUM: Record<ParamName, number> = { stride: 1, padding: 0, outputPadding: 0, dilation: 1 };
const DEFAULT: Record<ParamName, number> = { stride: 1, padding: 0, outputPadding: 0, dilation: 1 };

export function expandTuple(
  name: string,
  value: IntOrTuple | undefined,
  rank: number,
  fallback: number,
  minimum: number,
): number[] {
  const values =
    value === undefined
      ? new Array<number>(rank).fill(fallback)
      : typeof value === 'number'
        ? new Array<number>(rank).fill(value)
        : [...value];
  if (values.length !== rank) {
    throw new EngineError(
      'invalid-parameter',
      `${name} must have ${rank} value${rank === 1 ? '' : 's'}, got ${values.length}`,
      { name, rank, value },
    );
  }
  for (const v of values) {
    if (!Number.isInteger(v) || v < minimum) {
      throw new EngineError(
        'invalid-parameter',
        `${name} must be ${minimum === 0 ? 'a non-negative' : 'a positive'} integer, got ${v}`,
        { name, value: v },
      );
    }
  }
  return values;
}

export function normalizeParams(rank: number, options: ConvOptions = {}): ConvParams {
  const expand = (name: ParamName) => expandTuple(name, options[name], rank, DEFAULT[name], MINIMUM[name]);
  const groups = options.groups ?? 1;
  if (!Number.isInteger(groups) || groups < 1) {
    throw new EngineError('invalid-parameter', `groups must be a positive integer, got ${groups}`, {
      name: 'groups',
      value: groups,
    });
  }
  return {
    stride: expand('stride'),
    padding: expand('padding'),
    outputPadding: expand('outputPadding'),
    dilation: expand('dilation'),
    groups,
  };
}

/** 1-D parameters lifted to 2-D with a neutral H dimension, so one 2-D kernel serves both. */
export function liftParams1d(p: ConvParams): ConvParams {
  return {
    stride: [1, p.stride[0]],
    padding: [0, p.padding[0]],
    outputPadding: [0, p.outputPadding[0]],
    dilation: [1, p.dilation[0]],
    groups: p.groups,
  };
}
