// Every engine the benchmark knows, in run order. The first is the float64 reference of the correctness check.
import { oursAuto, oursF32, oursF64, oursFast, oursFastJs } from './ours';
import { oursFast2t } from './ours-threads';
import { ortWeb, ortWeb2t } from './ort-web';
import { tfjsCpu } from './tfjs-cpu';
import { tfjsWasm } from './tfjs-wasm';
import type { Adapter } from './types';

export const REFERENCE: Adapter = oursF64;

export const ADAPTERS: readonly Adapter[] = [
  oursF64,
  oursF32,
  oursFast,
  oursFast2t,
  oursFastJs,
  oursAuto,
  tfjsCpu,
  tfjsWasm,
  ortWeb,
  ortWeb2t,
];

export type { Adapter, CrossCheck, PreparedCall, Tier } from './types';
