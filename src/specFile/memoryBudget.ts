/**
 * Which layers' values are computed: the one rule `check`, `show`, `verify`, the editor and the preview share.
 *
 * Shapes are arithmetic and never capped. Values cost memory: evaluating a step holds its input, weight, bias and
 * output in the spec's dtype, and on the fast path the kernel's float32 working copies besides (the input, its
 * padded copy, the weight and the output). A step's values are computed when that fits the memory budget
 * (tconv.memoryBudget, `--memory-budget`) and no tensor is beyond what the engine allocates at once
 * (MAX_TENSOR_ELEMENTS). The chain is evaluated in order, so from the first step that does not fit, the rest
 * have no input to start from: their values are not computed either.
 */
import * as l10n from '@vscode/l10n';
import {
  FAST_PATH_MIN_MACS,
  MAX_TENSOR_ELEMENTS,
  numel,
  verificationTitle,
  type ComputePath,
  type DType,
  type VerificationName,
  type VerificationResult,
} from '../engine';
import { formatCount } from './format';
import { capitalize, layerAnchor, layerLabel } from './labels';
import type { SpecModel } from './model';
import type { ChainPlan, LayerPlan } from './plan';
import type { Reporter } from './reporter';

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

/**
 * 1 GiB: what a laptop can spare for one layer next to the editor (an 8 GB machine has 2–4 GB free with VS Code,
 * a browser and the language server running). It computes the U-Net's 1×64×960×640 up-convolution (787 MiB with
 * the fast path's copies) and StyleGAN2's 1024 px layer; a layer needing more says so and how to raise it.
 */
export const DEFAULT_MEMORY_BUDGET = GiB;
/** The setting's bounds (package.json declares the same): 1 MiB … 64 GiB. */
export const MIN_MEMORY_BUDGET = MiB;
export const MAX_MEMORY_BUDGET = 64 * GiB;

/** Bytes per element of a dtype. */
export function dtypeBytes(dtype: DType): number {
  return dtype === 'float32' ? 4 : 8;
}

/** Multiply-adds of one evaluation: every kernel tap of every input element (transposed) or output element (forward). */
function multiplyAdds(layer: LayerPlan): number {
  const spatial = layer.kind === 'convTranspose' ? layer.inputShape.slice(2) : layer.outputShape.slice(2);
  return layer.inputShape[0] * numel(spatial) * numel(layer.weightShape);
}

/**
 * Whether this step runs on the engine's float32 fast path: a transposed convolution as `compute` says ('auto':
 * from FAST_PATH_MIN_MACS multiply-adds), a forward convolution from FAST_PATH_MIN_MACS (evaluation calls it
 * with the engine's 'auto'). The ops (pool, upsample, pad, crop, concat, add) run on the exact path.
 */
export function takesFastPath(compute: ComputePath, layer: LayerPlan): boolean {
  if (layer.op) return false;
  if (layer.kind === 'convTranspose' && compute !== 'auto') return compute === 'fast';
  return multiplyAdds(layer) >= FAST_PATH_MIN_MACS;
}

/** The forward fast path's im2col holds at most this many float32 values at once (src/engine/fast/conv.ts). */
const FORWARD_COLUMNS_AT_ONCE = 1 << 24;

/** The fast path's float32 working copies, in elements: the kernel's copies of input (and padded input or columns), weight and output. */
function fastWorkingElements(layer: LayerPlan, input: number, weight: number, output: number): number {
  if (layer.kind === 'convTranspose') return 2 * input + weight + output;
  const columns = Math.min(
    FORWARD_COLUMNS_AT_ONCE,
    layer.inputShape[0] * numel(layer.weightShape.slice(1)) * numel(layer.outputShape.slice(2)),
  );
  return 2 * columns + weight + output;
}

export interface StepMemory {
  /** Position in plan.layers (−1: the forward convolution). */
  readonly index: number;
  readonly fastPath: boolean;
  /** Bytes evaluating this step holds: its tensors in the spec's dtype, plus the fast path's float32 copies. */
  readonly bytes: number;
  /** The largest tensor of the step, in elements. */
  readonly largest: number;
}

/** What evaluating one step holds in memory (from its shapes alone). */
export function stepMemory(layer: LayerPlan, dtype: DType, compute: ComputePath): StepMemory {
  const input = numel(layer.inputShape);
  const weight = layer.op ? 0 : numel(layer.weightShape);
  const bias = layer.biasShape ? numel(layer.biasShape) : 0;
  const output = numel(layer.outputShape);
  const fastPath = takesFastPath(compute, layer);
  const stored = dtypeBytes(dtype) * (input + weight + bias + output);
  const working = fastPath ? 4 * fastWorkingElements(layer, input, weight, output) : 0;
  // Shapes beyond float64's range (a 1.8·10³⁰⁸-channel input) stay finite numbers: the language server sends them as JSON.
  const finite = (n: number) => Math.min(n, Number.MAX_VALUE);
  return {
    index: layer.index,
    fastPath,
    bytes: finite(stored + working),
    largest: finite(Math.max(input, weight, output)),
  };
}

/** computed; over the budget; a tensor beyond MAX_TENSOR_ELEMENTS; or an earlier step was not computed. */
export type StepValuesStatus = 'computed' | 'over-budget' | 'too-large' | 'upstream';

export interface StepValues extends StepMemory {
  readonly status: StepValuesStatus;
}

export interface ValuesBudget {
  /** The memory budget, in bytes. */
  readonly budget: number;
  /** The forward convolution (when present) first, then plan.layers, in order. */
  readonly steps: readonly StepValues[];
  /** How many of plan.layers have values (a prefix). */
  readonly layerCount: number;
  /** The forward convolution (when present) has values. */
  readonly forward: boolean;
  /** Every step has values. */
  readonly complete: boolean;
  /** The step that stopped the values (over-budget or too-large), if any. */
  readonly blocker: StepValues | null;
}

/** The rule: every step's memory, and which of them are computed within `budget` bytes. */
export function valuesBudget(
  plan: Pick<ChainPlan, 'forward' | 'layers' | 'dtype'>,
  compute: ComputePath,
  budget: number,
): ValuesBudget {
  const steps: StepValues[] = [];
  let blocker: StepValues | null = null;
  for (const layer of [...(plan.forward ? [plan.forward] : []), ...plan.layers]) {
    const memory = stepMemory(layer, plan.dtype, compute);
    // Over the budget first: that one a user can act on (--memory-budget); a tensor too large for the engine next.
    const status: StepValuesStatus = blocker
      ? 'upstream'
      : memory.bytes > budget
        ? 'over-budget'
        : memory.largest > MAX_TENSOR_ELEMENTS
          ? 'too-large'
          : 'computed';
    const step: StepValues = { ...memory, status };
    if (!blocker && status !== 'computed') blocker = step;
    steps.push(step);
  }
  const computed = steps.filter((s) => s.status === 'computed');
  return {
    budget,
    steps,
    layerCount: computed.filter((s) => s.index >= 0).length,
    forward: plan.forward !== undefined && computed.some((s) => s.index < 0),
    complete: blocker === null,
    blocker,
  };
}

/** The memory budget a caller asked for, or the default; anything but a positive finite number is the default. */
export function resolveMemoryBudget(budget: number | undefined): number {
  return budget !== undefined && Number.isFinite(budget) && budget > 0 ? Math.floor(budget) : DEFAULT_MEMORY_BUDGET;
}

const UNITS: ReadonlyMap<string, number> = new Map([
  ['', 1],
  ['b', 1],
  ['kb', 1e3],
  ['mb', 1e6],
  ['gb', 1e9],
  ['tb', 1e12],
  ['k', KiB],
  ['m', MiB],
  ['g', GiB],
  ['kib', KiB],
  ['mib', MiB],
  ['gib', GiB],
  ['tib', 1024 * GiB],
]);

/**
 * "512MB" (10⁶), "2GiB" (2³⁰), "1.5 GiB", "1073741824" → bytes (whole); null for anything else. KB/MB/GB/TB are
 * decimal, KiB/MiB/GiB/TiB binary, a bare K/M/G binary (as in `ulimit` and Java's -Xmx); case-insensitive.
 */
export function parseByteSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*$/i.exec(text);
  if (!m) return null;
  const unit = UNITS.get(m[2].toLowerCase());
  if (unit === undefined) return null;
  const bytes = Math.floor(Number(m[1]) * unit);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

/** 1073741824 → "1 GiB", 825229312 → "787 MiB", 1536 → "1.5 KiB", 512 → "512 bytes". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return l10n.t('{0} bytes', String(bytes));
  const units: readonly [number, string][] = [
    [1024 * 1024 * GiB, 'PiB'],
    [1024 * GiB, 'TiB'],
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [size, name] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      if (value >= 1e6) return `${value.toPrecision(3)} ${name}`;
      const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
      return `${Number(value.toFixed(digits))} ${name}`;
    }
  }
  return l10n.t('{0} bytes', bytes);
}

/** Why a step has no values ("needs 1.2 GiB of memory, budget 1 GiB"), or null when it has them. */
export function notComputedReason(values: ValuesBudget, index: number): string | null {
  const step = values.steps.find((s) => s.index === index);
  if (!step || step.status === 'computed') return null;
  if (step.status === 'over-budget')
    return l10n.t('needs {0} of memory, budget {1}', formatBytes(step.bytes), formatBytes(values.budget));
  if (step.status === 'too-large')
    return l10n.t(
      'a tensor of {0} elements is beyond the {1} the engine allocates at once',
      formatCount(step.largest),
      formatCount(MAX_TENSOR_ELEMENTS),
    );
  const blocker = values.blocker;
  return blocker?.status === 'over-budget'
    ? l10n.t(
        'an earlier layer was not computed (it needs {0} of memory, budget {1})',
        formatBytes(blocker.bytes),
        formatBytes(values.budget),
      )
    : l10n.t('an earlier layer was not computed');
}

/** A budget that would fit `bytes`, as `--memory-budget` takes it: the next whole GiB (or MiB below 1 GiB). */
export function suggestedBudget(bytes: number): string {
  return bytes > GiB ? `${Math.ceil(bytes / GiB)}GiB` : `${Math.ceil(bytes / MiB)}MiB`;
}

/**
 * Reports the step that stops the values (memory-budget, information: the spec is valid), on that layer: the
 * bytes it needs, the budget, how to raise it, and how many steps after it go without values too.
 */
export function reportValuesBudget(spec: SpecModel, values: ValuesBudget, reporter: Reporter): void {
  const blocker = values.blocker;
  if (!blocker) return;
  const model = blocker.index < 0 ? spec.forward : spec.layers[blocker.index];
  if (!model) return;
  const label = layerLabel(spec, blocker.index, model);
  const later = values.steps.filter((s) => s.status === 'upstream').length;
  const head =
    blocker.status === 'too-large'
      ? l10n.t(
          'Values of {0} are not computed: a tensor of {1} elements is beyond the {2} the engine allocates at once. Shapes and formulas are exact.',
          label,
          formatCount(blocker.largest),
          formatCount(MAX_TENSOR_ELEMENTS),
        )
      : l10n.t(
          'Values of {0} are not computed: its tensors need {1} of memory, above the budget of {2}. Shapes and formulas are exact; to compute the values, raise tconv.memoryBudget or pass --memory-budget {3}.',
          label,
          formatBytes(blocker.bytes),
          formatBytes(values.budget),
          suggestedBudget(blocker.bytes),
        );
  const tail =
    later === 0
      ? ''
      : later === 1
        ? ` ${l10n.t('The step after it has no values either.')}`
        : ` ${l10n.t('The {0} steps after it have no values either.', later)}`;
  reporter.report('memory-budget', capitalize(head) + tail, layerAnchor(model));
}

/** A check of a layer whose values the budget leaves out: not run, with the bytes needed and the budget. */
export function notComputedResult(
  name: VerificationName,
  reason: string,
  layer: StepValues | undefined,
): VerificationResult {
  return {
    name,
    title: verificationTitle(name),
    passed: false,
    summary: l10n.t('not run: {0}', reason),
    details: layer ? { bytesNeeded: layer.bytes } : {},
    notRun: reason,
  };
}
