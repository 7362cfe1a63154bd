/** The same layer in PyTorch: ConvTranspose with `padding` and `outputPadding`, then `slice` when needed. */
export interface TorchEquivalent {
  /** PyTorch's padding and output_padding alone give this window. */
  readonly exact: boolean;
  readonly padding: readonly number[];
  readonly outputPadding: readonly number[];
  /** y[..., start:stop] per axis after the PyTorch layer; null when exact. */
  readonly slice: readonly { readonly start: number; readonly stop: number }[] | null;
  /** Rows appended after the PyTorch layer per axis (beyond what output_padding may add); null when none. */
  readonly padAfter: readonly number[] | null;
}

/**
 * PyTorch's equivalent of a transposed layer that drops begin[d] / end[d] rows of the canvas: padding and
 * output_padding alone when 0 ≤ begin − end < max(stride, dilation); else padding = max(min(begin, end), 0)
 * (+ output_padding for a negative end) and the slice y[..., begin − padding : begin − padding + out].
 */
export function torchEquivalentTransposed(
  begin: readonly number[],
  end: readonly number[],
  stride: readonly number[],
  dilation: readonly number[],
  canvas: readonly number[],
): TorchEquivalent {
  const limit = (d: number) => Math.max(stride[d], dilation[d]);
  const exact = begin.every((b, d) => b >= 0 && b - end[d] >= 0 && b - end[d] < limit(d));
  if (exact)
    return { exact, padding: [...begin], outputPadding: begin.map((b, d) => b - end[d]), slice: null, padAfter: null };
  const padding = begin.map((b, d) => Math.max(Math.min(b, end[d]), 0));
  const wantedOp = end.map((e) => Math.max(-e, 0));
  const outputPadding = wantedOp.map((op, d) => Math.min(op, limit(d) - 1));
  const padAfter = wantedOp.map((op, d) => op - outputPadding[d]);
  const slice = begin.map((b, d) => {
    const start = b - padding[d];
    return { start, stop: start + canvas[d] - b - end[d] };
  });
  return { exact, padding, outputPadding, slice, padAfter: padAfter.some((p) => p > 0) ? padAfter : null };
}
