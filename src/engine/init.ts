import { EngineError } from './errors';
import { allocate, assertShape, numel, type DType, type Tensor } from './tensor';

export type InitKind = 'zeros' | 'ones' | 'arange' | 'random' | 'randn' | 'fill';
export const INIT_KINDS: readonly InitKind[] = ['zeros', 'ones', 'arange', 'random', 'randn', 'fill'];

export interface InitOptions {
  readonly init: InitKind;
  /** Seed of the deterministic generator behind random and randn (default 0). */
  readonly seed?: number;
  /** random: uniform in [low, high) (default [0, 1), like torch.rand). */
  readonly low?: number;
  readonly high?: number;
  /** arange: start + step·i (default 0, 1); fill: the value. */
  readonly start?: number;
  readonly step?: number;
  readonly value?: number;
}

/** mulberry32: tiny, fast, and identical on every platform, so a seed names the same tensor everywhere. */
export function seededUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * PyTorch's default init bound for a Conv / ConvTranspose weight and its bias: kaiming_uniform_ with a = √5 gives
 * uniform in ±gain·√(3 / fan_in) = ±1/√fan_in, and the bias is uniform in the same ±1/√fan_in. fan_in is
 * weight.size(1)·prod(kernel): C_in/groups·k for Conv, C_out/groups·k for ConvTranspose (PyTorch reads the
 * transposed weight's dimension 1 too). 0 when fan_in is 0 (PyTorch then leaves the tensor as it is).
 */
export function torchInitBound(weightShape: readonly number[]): number {
  const fanIn = weightShape.slice(1).reduce((a, b) => a * b, 1);
  return fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
}

export function generate(shape: readonly number[], options: InitOptions, dtype: DType = 'float64'): Tensor {
  assertShape(shape);
  const n = numel(shape);
  const data = allocate(n, dtype);
  const seed = options.seed ?? 0;
  switch (options.init) {
    case 'zeros':
      break;
    case 'ones':
      data.fill(1);
      break;
    case 'fill':
      data.fill(options.value ?? 0);
      break;
    case 'arange': {
      const start = options.start ?? 0;
      const step = options.step ?? 1;
      for (let i = 0; i < n; i++) data[i] = start + step * i;
      break;
    }
    case 'random': {
      const next = seededUniform(seed);
      const low = options.low ?? 0;
      const high = options.high ?? 1;
      for (let i = 0; i < n; i++) data[i] = low + (high - low) * next();
      break;
    }
    case 'randn': {
      // Box–Muller on the same generator.
      const next = seededUniform(seed);
      for (let i = 0; i < n; i += 2) {
        const r = Math.sqrt(-2 * Math.log(1 - next()));
        const theta = 2 * Math.PI * next();
        data[i] = r * Math.cos(theta);
        if (i + 1 < n) data[i + 1] = r * Math.sin(theta);
      }
      break;
    }
    default:
      throw new EngineError('invalid-parameter', `unknown init "${String((options as { init: unknown }).init)}"`);
  }
  return { shape: [...shape], data };
}
