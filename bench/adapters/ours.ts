// Our engine: convTranspose2d from src/engine, in float64 (the default path, and the reference of every
// check) and in float32 (the engine keeps the input's dtype: float32 storage, float64 arithmetic per tap).
import { convTranspose2d, type ConvOptions } from '../../src/engine';
import type { BenchCase, CaseInputs } from '../cases';
import type { Adapter, PreparedCall } from './types';

function optionsOf(inputs: CaseInputs): ConvOptions {
  const p = inputs.params;
  return { stride: p.stride, padding: p.padding, outputPadding: p.outputPadding, dilation: p.dilation, groups: p.groups };
}

function oursAdapter(dtype: 'float64' | 'float32'): Adapter {
  const bits = dtype === 'float64' ? '64' : '32';
  return {
    id: `ours-f${bits}`,
    label: `tconv convTranspose2d (${dtype})`,
    dtype,
    tolerance: dtype === 'float64' ? 1e-12 : 1e-4,
    timed: 'convTranspose2d(x, w, null, options) on NCHW tensors: parameter checks, output allocation, the scatter',
    unsupported: () => null,
    async prepare(_c: BenchCase, inputs: CaseInputs): Promise<PreparedCall> {
      const { x, w } = dtype === 'float64' ? inputs.f64 : inputs.f32;
      const options = optionsOf(inputs);
      const call = () => convTranspose2d(x, w, null, options);
      return { call, output: call, dispose: () => undefined };
    },
  };
}

export const oursF64 = oursAdapter('float64');
export const oursF32 = oursAdapter('float32');
