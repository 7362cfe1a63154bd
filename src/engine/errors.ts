/**
 * Reasons the engine refuses a computation. The codes name the same conditions PyTorch rejects
 * (see test/fixtures/torch-conformance.json), so a spec diagnostic and a PyTorch RuntimeError agree.
 */
export type EngineErrorCode =
  | 'invalid-parameter'
  | 'bad-shape'
  | 'output-padding-range'
  | 'output-size-nonpositive'
  | 'groups-not-divisible'
  | 'channel-mismatch'
  | 'bias-mismatch'
  | 'output-size-unreachable'
  | 'size-cap';

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export function isEngineError(e: unknown): e is EngineError {
  return e instanceof EngineError;
}
