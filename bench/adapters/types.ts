// The contract between the runner and one engine under test. One file per engine in bench/adapters/,
// listed in bench/adapters/index.ts.
import type { Tensor } from '../../src/engine';
import type { BenchCase, CaseInputs } from '../cases';

/** An extra output checked (never timed) in the correctness phase, e.g. another padding mapping. */
export interface CrossCheck {
  readonly label: string;
  /** 'disagree' marks a negative control: a deliberately wrong mapping the check must reject. */
  readonly expect: 'agree' | 'disagree';
  /** NCHW output in PyTorch layout. */
  output(): Tensor;
}

/** One engine set up for one case: tensors converted, layouts mapped, ready to be called. */
export interface PreparedCall {
  /** One call of the timed operation. Returns its result so nothing can be optimised away. */
  call(): unknown;
  /** Runs the operation once and returns the output as an NCHW tensor (PyTorch layout) for the check. */
  output(): Tensor;
  /** Alternative mappings verified in the correctness phase on cases with crossChecks. */
  readonly crossChecks?: readonly CrossCheck[];
  /** Frees what prepare allocated; throws when the engine leaked. */
  dispose(): void;
}

/**
 * The instruction tier an engine's inner loop runs on, for "% of ceiling": scalar multiply + add, or
 * 128-bit SIMD (what WebAssembly SIMD can use). Ceilings per core in bench/cases.ts (CEILING_GFLOPS).
 */
export type Tier = 'scalar' | 'simd128';

export interface Adapter {
  /** Short stable id used in the table, the JSON and `--engines`. */
  readonly id: string;
  readonly label: string;
  /** Precision the engine computes in; selects the inputs (float32 = the float64 ones rounded). */
  readonly dtype: 'float64' | 'float32';
  /** Largest accepted max|out − ref| / max|ref| against the float64 reference. */
  readonly tolerance: number;
  /** Instruction tier of the inner loop; a function when it depends on the case (ours-auto). */
  readonly tier: Tier | ((c: BenchCase) => Tier);
  /** Threads the engine computes on (default 1); the ceiling scales with it. */
  readonly threads?: number;
  /** What one timed call includes. */
  readonly timed: string;
  /** Once per run, before the first prepare (load libraries, start a backend). */
  init?(): Promise<void>;
  /** Environment facts for the report (library versions, backend flags); called after init. */
  describe?(): Promise<Record<string, unknown>>;
  /** Why this engine cannot run the case, or null. */
  unsupported(c: BenchCase): string | null;
  prepare(c: BenchCase, inputs: CaseInputs): Promise<PreparedCall>;
}
