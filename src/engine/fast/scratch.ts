/**
 * One reusable Float32Array for the JS fast path's padded input and packed weights, so repeated calls
 * (a spec recomputed on every keystroke) do not allocate. Kept only while small: a buffer above
 * KEEP_FLOATS is handed out once and then dropped, so one large layer does not pin its memory.
 */
const KEEP_FLOATS = 4 * 1024 * 1024; // 16 MB

let kept: Float32Array | null = null;

export function scratchF32(length: number): Float32Array {
  if (kept && kept.length >= length) return kept;
  const fresh = new Float32Array(Math.max(length, kept ? Math.min(kept.length * 2, KEEP_FLOATS) : 0));
  kept = fresh.length <= KEEP_FLOATS ? fresh : kept;
  return fresh;
}
