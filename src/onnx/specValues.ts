/** Numbers as the spec writes them: per-dimension values collapsed, kernels nested, float32s in short decimals. */
/** A value written to the spec: an integer or one per spatial dimension (collapsed when all are equal). */
export function perDim(values: readonly number[]): number | number[] {
  return values.every((v) => v === values[0]) ? values[0] : [...values];
}

/** The shortest decimal that reads back as the same float32: 0.1 rather than 0.10000000149011612. */
function shortFloat32(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(x.toPrecision(digits));
    if (Math.fround(candidate) === x) return candidate;
  }
  return x;
}

/** Row-major values → nested arrays of the given shape. */
export function nest(values: ArrayLike<number>, shape: readonly number[], float32: boolean): unknown {
  const write = float32 ? shortFloat32 : (x: number) => x;
  let at = 0;
  const build = (axis: number): unknown => {
    if (axis === shape.length) return write(values[at++]);
    return Array.from({ length: shape[axis] }, () => build(axis + 1));
  };
  return build(0);
}
