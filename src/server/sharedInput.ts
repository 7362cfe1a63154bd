/**
 * A verification run's input with every tensor's values in shared memory: posting it to the run's threads then
 * copies no values (a SharedArrayBuffer is shared, not cloned), however many threads take it. The checks only
 * read the tensors.
 */
import type { Tensor, TensorData } from '../engine';
import type { VerificationInput } from '../specFile/verificationInput';

function sharedData(data: TensorData): TensorData {
  if (data.buffer instanceof SharedArrayBuffer) return data;
  const copy =
    data instanceof Float32Array
      ? new Float32Array(new SharedArrayBuffer(data.byteLength))
      : new Float64Array(new SharedArrayBuffer(data.byteLength));
  copy.set(data);
  return copy;
}

/** `input` with its tensors' values copied into SharedArrayBuffers (a tensor met twice is copied once). */
export function sharedInput(input: VerificationInput): VerificationInput {
  const copies = new Map<Tensor, Tensor>();
  const share = (t: Tensor): Tensor => {
    let copy = copies.get(t);
    if (!copy) {
      copy = { shape: t.shape, data: sharedData(t.data) };
      copies.set(t, copy);
    }
    return copy;
  };
  return {
    names: input.names,
    layers: input.layers.map((l) => ({
      ...l,
      layer: {
        ...l.layer,
        input: share(l.layer.input),
        weight: share(l.layer.weight),
        bias: l.layer.bias && share(l.layer.bias),
      },
      ...(l.reconstructionInput ? { reconstructionInput: share(l.reconstructionInput) } : {}),
    })),
  };
}
