// Every engine the benchmark knows, in run order. The first is the float64 reference of the correctness check.
import { oursF32, oursF64 } from './ours';
import { tfjsCpu } from './tfjs-cpu';
import { tfjsWasm } from './tfjs-wasm';
import type { Adapter } from './types';

export const REFERENCE: Adapter = oursF64;

export const ADAPTERS: readonly Adapter[] = [oursF64, oursF32, tfjsCpu, tfjsWasm];

export type { Adapter, CrossCheck, PreparedCall } from './types';
