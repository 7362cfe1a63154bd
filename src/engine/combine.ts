/** The two ways a skip connection joins a chain: torch.cat([x, skip], dim=1) and x + skip (a residual). */
import { EngineError } from './errors';
import { allocate, dtypeOf, formatShape, numel, sameShape, type Tensor } from './tensor';

/** Channel concatenation, current tensor first: [N, C1 + C2, …spatial]. Batch and spatial sizes must agree. */
export function concatChannels(x: Tensor, skip: Tensor): Tensor {
  if (
    x.shape.length !== skip.shape.length ||
    x.shape[0] !== skip.shape[0] ||
    !sameShape(x.shape.slice(2), skip.shape.slice(2))
  )
    throw new EngineError(
      'bad-shape',
      `Sizes of tensors must match except in dimension 1. Expected ${formatShape(x.shape)}, got ${formatShape(skip.shape)}`,
    );
  const [n, c1] = x.shape;
  const c2 = skip.shape[1];
  const plane = numel(x.shape.slice(2));
  const outShape = [n, c1 + c2, ...x.shape.slice(2)];
  const out = allocate(numel(outShape), dtypeOf(x));
  for (let b = 0; b < n; b++) {
    out.set(x.data.subarray(b * c1 * plane, (b + 1) * c1 * plane), b * (c1 + c2) * plane);
    out.set(skip.data.subarray(b * c2 * plane, (b + 1) * c2 * plane), (b * (c1 + c2) + c1) * plane);
  }
  return { shape: outShape, data: out };
}

/** Elementwise sum of two tensors of the same shape. */
export function addTensors(x: Tensor, skip: Tensor): Tensor {
  if (!sameShape(x.shape, skip.shape))
    throw new EngineError('bad-shape', `The shapes ${formatShape(x.shape)} and ${formatShape(skip.shape)} differ`);
  const out = allocate(x.data.length, dtypeOf(x));
  for (let i = 0; i < out.length; i++) out[i] = x.data[i] + skip.data[i];
  return { shape: [...x.shape], data: out };
}
