import { encodeModule } from './encoder';
import { F64X2, phaseBody } from './phase';

/**
 * Register tile of the float64 kernel: ROWS output channels × 2·VECTORS columns, in ROWS·VECTORS f64x2
 * accumulators. With VECTORS column vectors, one broadcast and one product temporary, 4 × 2 uses 12 of x64's 16
 * vector registers.
 */
export const F64_TILE_ROWS = 4;
export const F64_TILE_VECTORS = 2;
export const F64_TILE_COLS = 2 * F64_TILE_VECTORS;

let bytes: Uint8Array | null = null;

/**
 * The float64 kernel module's bytes (encoded once): exports `memory` and `phase` (phase.ts on f64x2). Packing the
 * weights and padding the input are plain copies of float64 values, done from JS (runF64.ts).
 */
export function kernelF64ModuleBytes(): Uint8Array {
  bytes ??= encodeModule([{ name: 'phase', body: phaseBody(F64X2, F64_TILE_ROWS, F64_TILE_VECTORS) }], 1);
  return bytes;
}
