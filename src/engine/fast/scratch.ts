/**
 * One reusable buffer per element type for the JS kernels' padded input and packed weights, so repeated calls
 * (a spec recomputed on every keystroke) do not allocate. Kept only while small: a buffer above KEEP_BYTES is
 * handed out once and then dropped, so one large layer does not pin its memory.
 */
const KEEP_BYTES = 16 * 1024 * 1024;

function keeper<T extends Float32Array | Float64Array>(make: (length: number) => T, bytesPer: number) {
  const keepLength = KEEP_BYTES / bytesPer;
  let kept: T | null = null;
  return (length: number): T => {
    if (kept && kept.length >= length) return kept;
    const fresh = make(Math.max(length, kept ? Math.min(kept.length * 2, keepLength) : 0));
    kept = fresh.length <= keepLength ? fresh : kept;
    return fresh;
  };
}

export const scratchF32 = keeper((n) => new Float32Array(n), 4);
export const scratchF64 = keeper((n) => new Float64Array(n), 8);
