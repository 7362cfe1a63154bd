/**
 * The property every fuzz case must satisfy, from text to what the editor shows:
 *  - validateSpec never throws, and never reports `internal`;
 *  - every diagnostic (and its fixes and related locations) lies inside the text, has a known code with that
 *    code's severity and a message without "undefined", "NaN" or "[object Object]"; they come sorted;
 *  - no errors ⇒ a complete plan; a step whose values are beyond the memory budget ⇒ a memory-budget diagnostic
 *    (and none when every step fits); a spec with no step within it, or a size-cap one, ⇒ checking
 *    allocated nothing (process.memoryUsage().arrayBuffers grows by less than 1 MB);
 *  - no errors and a small plan ⇒ evaluateSpec and verifySpec throw nothing but EngineError size-cap, give
 *    the planned shapes, and the verifier finds nothing PyTorch would reject;
 *  - writing the computed output into expect.output validates clean; changing one value of it gives exactly
 *    one expected-values error on that value;
 *  - what the language server sends for it (diagnostics, the status bar's analysis, the verification outcome)
 *    is JSON with nothing lost: no NaN, ±Infinity, typed array or function inside (LSP messages are JSON);
 *  - hoverAt never throws, with the fresh analysis or a stale one (the editor hovers with the last result).
 */
import { applyEdits as applyJsonEdits, modify } from 'jsonc-parser';

import { runVerifyJob } from '../../src/server/verifier';
import { isEngineError, numel, toNested, type Tensor } from '../../src/engine';
import {
  applyEdits,
  DIAGNOSTIC_CODES,
  hasErrors,
  isDiagnosticCode,
  validateSpec,
  type ChainPlan,
  type SpecDiagnostic,
  type ValidationResult,
} from '../../src/specFile';
import { evaluateSpec, type SpecEvaluation } from '../../src/specFile/evaluate';
import { hoverAt } from '../../src/specFile/hover';
import { shapeStatus } from '../../src/server/shapeStatus';
import { verifySpec } from '../../src/specFile/verifySpec';
import { SHAPE_CHECKS } from '../../src/specFile/verificationInput';

export interface FuzzCase {
  /** Which generator made it: "spec", "spec-wild", "mutation", "heavy", "size-cap"... */
  readonly family: string;
  readonly text: string;
  /** Where to hover, as fractions of the text length. */
  readonly hovers: readonly number[];
  /** tconv.memoryBudget for this case, in bytes (the default when absent). */
  readonly memoryBudget?: number;
  /** A text whose analysis is reused for hovers on this one, as the editor does while re-analysis is pending. */
  readonly stale?: string;
  /** Which value to change in the expect.output round trip. */
  readonly perturb?: number;
}

export interface CaseResult {
  readonly failures: string[];
  /**
   * What the product does for this text, the figure held to 100 ms: validateSpec (the diagnostics and the
   * model the server keeps), evaluating and verifying a clean small spec (the preview and Verify), and the
   * hovers against the validation.
   */
  readonly pipelineMs: number;
  /** The whole case, with the property's own extra work: analyze/verify again, clones, stale hovers, fixes, the expect.output round trip. */
  readonly ms: number;
  /** validateSpec alone, what the editor waits for after a keystroke. */
  readonly validateMs: number;
  /** Growth of process.memoryUsage().arrayBuffers over the case (bytes; negative after a GC). */
  readonly arrayBuffersDelta: number;
  readonly heapUsedAfter: number;
  readonly rssAfter: number;
  /** No error diagnostics. */
  readonly clean: boolean;
  readonly evaluated: boolean;
  readonly verifications: { passed: number; failed: number; notRun: number; failedNames: string[] };
  readonly codes: readonly string[];
}

/** "Small": every tensor of the chain together stays below this many elements, so evaluating is cheap. */
export const SMALL_PLAN_ELEMENTS = 100_000;
/** What "allocated nothing" allows for: parser and validator bookkeeping, never a tensor. */
export const NOTHING_ALLOCATED_BYTES = 1024 * 1024;
/** A small plan (≤ SMALL_PLAN_ELEMENTS) evaluated and verified: generous bounds on what that may allocate. */
export const SMALL_PLAN_ARRAY_BUFFER_BYTES = 256 * 1024 * 1024;
/** The heap also holds the syntax trees of the text (validated several times per case): this much per character. */
export const SMALL_PLAN_HEAP_BYTES = 512 * 1024 * 1024;
const HEAP_BYTES_PER_CHARACTER = 256;

/** Outputs up to this many values are written back into expect.output (larger ones only slow the run down). */
const EXPECT_ROUND_TRIP_MAX = 1024;
/** Verifications that check an identity: on a spec without errors they must pass (roundTrip and reconstruction may not). */
const IDENTITIES = new Set(['scatter', 'matrix', 'transpose', 'adjoint', 'gradient', 'cost']);

const BAD_WORDS = /undefined|\bNaN\b|\[object Object\]/;

/** A message showing a value that went wrong; quoted text (what the user wrote) may say anything. */
function showsBrokenValue(message: string): boolean {
  return BAD_WORDS.test(message.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

function errorText(e: unknown): string {
  return e instanceof Error
    ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 8).join('\n')}`
    : String(e);
}

function planShapes(plan: ChainPlan): (readonly number[])[] {
  const steps = [...(plan.forward ? [plan.forward] : []), ...plan.layers];
  return [
    plan.inputShape,
    ...steps.flatMap((s) => [s.weightShape, s.outputShape, ...(s.biasShape ? [s.biasShape] : [])]),
  ];
}

export function planElements(plan: ChainPlan): number {
  return planShapes(plan).reduce((sum, shape) => sum + numel(shape), 0);
}

function inside(text: string, offset: unknown, length: unknown): boolean {
  return (
    Number.isInteger(offset) &&
    Number.isInteger(length) &&
    (offset as number) >= 0 &&
    (length as number) >= 0 &&
    (offset as number) + (length as number) <= text.length
  );
}

export function checkDiagnostics(text: string, diagnostics: readonly SpecDiagnostic[], failures: string[]): void {
  let previous = -1;
  for (const d of diagnostics) {
    const where = `${d.code} at ${d.offset}+${d.length} (text length ${text.length})`;
    if (!inside(text, d.offset, d.length)) failures.push(`diagnostic outside the text: ${where}: ${d.message}`);
    if (!isDiagnosticCode(d.code)) failures.push(`unknown diagnostic code ${String(d.code)}`);
    else if (DIAGNOSTIC_CODES[d.code].severity !== d.severity) failures.push(`${where} has severity ${d.severity}`);
    if (d.code === 'internal') failures.push(`internal diagnostic: ${d.message}`);
    if (typeof d.message !== 'string' || d.message.trim() === '') failures.push(`${where} has an empty message`);
    else if (showsBrokenValue(d.message)) failures.push(`${where} message shows a broken value: ${d.message}`);
    if (d.offset < previous) failures.push(`diagnostics not sorted by offset at ${where}`);
    previous = d.offset;
    for (const r of d.related ?? [])
      if (!inside(text, r.offset, r.length))
        failures.push(`${where}: related location ${r.offset}+${r.length} outside the text`);
    for (const fix of d.fixes ?? []) {
      const edits = [...fix.edits].sort((a, b) => a.offset - b.offset);
      edits.forEach((e, i) => {
        if (!inside(text, e.offset, e.length))
          failures.push(`${where}: fix "${fix.title}" edits ${e.offset}+${e.length} outside the text`);
        if (i > 0 && edits[i - 1].offset + edits[i - 1].length > e.offset)
          failures.push(`${where}: fix "${fix.title}" has overlapping edits`);
      });
    }
  }
}

function tryStep<T>(failures: string[], what: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    failures.push(`${what} threw ${errorText(e)}`);
    return undefined;
  }
}

/** Runs `run`; an EngineError size-cap is an accepted outcome (undefined), anything else thrown is a failure. */
function engineStep<T>(failures: string[], what: string, run: () => T): T | undefined {
  try {
    return run();
  } catch (e) {
    if (!(isEngineError(e) && e.code === 'size-cap'))
      failures.push(`${what} threw ${isEngineError(e) ? `EngineError ${e.code}: ${e.message}` : errorText(e)}`);
    return undefined;
  }
}

/** The first place in `value` that JSON would change (NaN or ±Infinity → null, a typed array → an object…). */
function notJson(value: unknown, path = '$', seen = new Set<unknown>()): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${path} = ${value}`;
  if (typeof value === 'function' || typeof value === 'bigint' || typeof value === 'symbol')
    return `${path} is a ${typeof value}`;
  if (value === null || typeof value !== 'object') return undefined;
  if (ArrayBuffer.isView(value)) return `${path} is a ${value.constructor.name}`;
  if (seen.has(value)) return `${path} is a cycle`;
  seen.add(value);
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [`[${i}]`, v])
    : Object.entries(value).map(([k, v]) => [`.${k}`, v]);
  for (const [key, child] of entries) {
    const found = notJson(child, path + key, seen);
    if (found) return found;
  }
  seen.delete(value);
  return undefined;
}

function jsonSafe(failures: string[], what: string, value: unknown): void {
  const found = notJson(value);
  if (found) failures.push(`${what} does not survive JSON (the language server's messages): ${found}`);
}

function checkHover(text: string, result: ValidationResult, offset: number, label: string, failures: string[]): void {
  const info = tryStep(failures, `hoverAt(${offset}, ${label})`, () => hoverAt(text, result, offset));
  if (!info) return;
  if (typeof info.markdown !== 'string' || info.markdown === '')
    failures.push(`hoverAt(${offset}, ${label}) gave an empty hover`);
  else if (showsBrokenValue(info.markdown))
    failures.push(`hoverAt(${offset}, ${label}) shows a broken value: ${info.markdown.slice(0, 300)}`);
  if (!inside(text, info.offset, info.length))
    failures.push(`hoverAt(${offset}, ${label}) range ${info.offset}+${info.length} outside the text`);
}

/** The text with expect.output set to `value` (jsonc-parser's own edit, so comments and layout survive). */
function withExpectedOutput(text: string, value: unknown): string {
  const edits = modify(text, ['expect', 'output'], value, {});
  return applyJsonEdits(text, edits);
}

function finiteAndModest(t: Tensor, limit = 1e15): boolean {
  for (const x of t.data) if (!Number.isFinite(x) || Math.abs(x) > limit) return false;
  return true;
}

/** Every tensor of the chain finite and far from overflow, so identities between them hold in float64. */
function modestEvaluation(e: SpecEvaluation): boolean {
  const steps = [...(e.forward ? [e.forward] : []), ...e.layers];
  return [e.input, ...steps.flatMap((s) => [s.weight, s.output, ...(s.bias ? [s.bias] : [])])].every((t) =>
    finiteAndModest(t, 1e100),
  );
}

/** expect.output = the computed output validates clean; one changed value is the one expected-values error. */
function checkExpectRoundTrip(
  c: FuzzCase,
  result: ValidationResult,
  evaluation: SpecEvaluation,
  failures: string[],
): void {
  const output = evaluation.output;
  const spec = result.spec;
  // Only the final output can be written as expect.output (a prefix within the memory budget is not it).
  if (evaluation.values !== 'all') return;
  if (!spec || output.data.length === 0 || output.data.length > EXPECT_ROUND_TRIP_MAX || !finiteAndModest(output))
    return;
  if (result.diagnostics.some((d) => d.code === 'duplicate-key')) return;
  const options = { memoryBudget: c.memoryBudget };
  const exact = withExpectedOutput(c.text, toNested(output));
  const exactResult = tryStep(failures, 'validateSpec(expect.output = computed)', () => validateSpec(exact, options));
  if (!exactResult) return;
  const errors = exactResult.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    failures.push(
      `expect.output = the computed output, yet: ${errors.map((d) => `${d.code}: ${d.message}`).join(' | ')}\n--- text with expect.output ---\n${exact.slice(0, 4000)}`,
    );
    return;
  }
  if (spec.expect?.tolerance || c.perturb === undefined) return;
  const i = c.perturb % output.data.length;
  const changed = Float64Array.from(output.data);
  changed[i] = output.data[i] + 10 * (1 + Math.abs(output.data[i]));
  const perturbed = withExpectedOutput(c.text, toNested({ shape: output.shape, data: changed }));
  const perturbedResult = tryStep(failures, 'validateSpec(expect.output one value off)', () =>
    validateSpec(perturbed, options),
  );
  if (!perturbedResult) return;
  const found = perturbedResult.diagnostics.filter((d) => d.severity === 'error');
  const d = found[0];
  if (found.length !== 1 || d.code !== 'expected-values') {
    failures.push(
      `expect.output with value ${i} changed to ${changed[i]} should give one expected-values error, got: ${found.map((x) => `${x.code}: ${x.message}`).join(' | ') || 'none'}`,
    );
  } else if (Number(perturbed.slice(d.offset, d.offset + d.length)) !== changed[i]) {
    failures.push(
      `expected-values marks "${perturbed.slice(d.offset, d.offset + d.length)}", not the changed value ${changed[i]}`,
    );
  }
}

/** How many errors the parser reports after the first: its recovery counts a packed array as one token (parse.ts). */
const FOLLOWERS = / \(The parser reports (?:\d+ )?more errors? after this one, most of them caused by it\.\)$/;

/** What a validation says, as text, for comparing two of them (the count of follow-up syntax errors aside). */
function validationText(r: ValidationResult): string {
  const diagnostics = r.diagnostics.map((d) =>
    d.code === 'syntax' ? { ...d, message: d.message.replace(FOLLOWERS, '') } : d,
  );
  return JSON.stringify({ diagnostics, spec: r.spec, plan: r.plan, output: r.evaluation?.output });
}

/**
 * Reading number arrays with the fast scan (textScan.ts) must change nothing: packing every array that can be
 * packed and packing none give the same validation and the same hovers.
 */
function checkPackingInvisible(c: FuzzCase, hoverOffsets: readonly number[], failures: string[]): void {
  const packed = tryStep(failures, 'validateSpec(every number array packed)', () =>
    validateSpec(c.text, { memoryBudget: c.memoryBudget, packMinLength: 0 }),
  );
  const plain = tryStep(failures, 'validateSpec(no number array packed)', () =>
    validateSpec(c.text, { memoryBudget: c.memoryBudget, packMinLength: Infinity }),
  );
  if (!packed || !plain) return;
  const [a, b] = [validationText(packed), validationText(plain)];
  if (a !== b) {
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    failures.push(
      `packing number arrays changes the validation, from character ${at}:\n packed: ${a.slice(Math.max(0, at - 200), at + 200)}\n  plain: ${b.slice(Math.max(0, at - 200), at + 200)}`,
    );
    return;
  }
  for (const offset of hoverOffsets) {
    const [x, y] = [hoverAt(c.text, plain, offset, 0), hoverAt(c.text, plain, offset, Infinity)];
    if (JSON.stringify(x) !== JSON.stringify(y))
      failures.push(
        `packing number arrays changes the hover at ${offset}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`,
      );
  }
}

export function runCase(c: FuzzCase): CaseResult {
  const failures: string[] = [];
  const options = { memoryBudget: c.memoryBudget };
  const verifications = { passed: 0, failed: 0, notRun: 0, failedNames: [] as string[] };
  let evaluated = false;
  const memoryBefore = process.memoryUsage();
  const before = memoryBefore.arrayBuffers;
  const start = performance.now();
  let smallPlan = false;

  const hoverOffsets = c.hovers.map((fraction) => Math.min(c.text.length, Math.floor(fraction * (c.text.length + 1))));
  const result = tryStep(failures, 'validateSpec', () => validateSpec(c.text, options));
  const validateMs = performance.now() - start;
  let pipelineMs = validateMs;
  const timed = <T>(run: () => T): T => {
    const from = performance.now();
    try {
      return run();
    } finally {
      pipelineMs += performance.now() - from;
    }
  };
  let clean = false;
  let codes: string[] = [];
  let allocationChecked = false;
  if (result) {
    const { diagnostics, spec, plan } = result;
    codes = diagnostics.map((d) => d.code);
    checkDiagnostics(c.text, diagnostics, failures);
    clean = !hasErrors(diagnostics);
    if (!spec && diagnostics.length === 0) failures.push('no spec and no diagnostic');
    if (clean && !(spec && plan?.complete && plan.outputShape)) failures.push('no errors, yet no complete plan');
    if (plan?.complete) {
      const { values } = plan;
      if (!values.complete && !codes.includes('memory-budget'))
        failures.push(
          `values beyond the memory budget (${values.blocker?.bytes} bytes) without a memory-budget diagnostic`,
        );
      if (values.complete && codes.includes('memory-budget'))
        failures.push('a memory-budget diagnostic, yet every step fits the budget');
      const over = values.steps.find((s) => s.status === 'computed' && s.bytes > values.budget);
      if (over)
        failures.push(`step ${over.index} is computed with ${over.bytes} bytes, above the budget ${values.budget}`);
    }
    // Hovers come right after the validation, as in the editor (the server answers them from its analysis of that version).
    for (const offset of hoverOffsets) timed(() => checkHover(c.text, result, offset, 'validation', failures));
    const small = plan !== null && plan.complete && planElements(plan) <= SMALL_PLAN_ELEMENTS;
    smallPlan = small;

    const analysis = result;
    jsonSafe(failures, 'the diagnostics', analysis?.diagnostics);
    if (analysis) jsonSafe(failures, 'the status bar', shapeStatus(analysis));
    // No step within the memory budget: nothing may be allocated, and every check is reported not run.
    const nothingComputed = clean && plan !== null && plan.complete && plan.values.steps[0]?.status !== 'computed';
    if (!clean || small || nothingComputed) {
      const outcome = tryStep(failures, 'runVerifyJob', () =>
        runVerifyJob({ text: c.text, memoryBudget: options.memoryBudget }),
      );
      jsonSafe(failures, 'tconv/verify', outcome);
      // Shapes need no values: roundTrip and cost run beyond the budget; a check of values must not.
      const ranOnValues = (outcome?.verification?.layers ?? []).flatMap((l) =>
        l.results.filter((r) => !r.notRun && !SHAPE_CHECKS.has(r.name)).map((r) => r.name),
      );
      if (nothingComputed && ranOnValues.length > 0)
        failures.push(`nothing within the memory budget, yet a check of values ran (${ranOnValues.join(', ')})`);
    }
    if ((codes.includes('size-cap') && !clean) || nothingComputed) {
      // Everything so far ran on a spec with an oversized tensor: none of it may have allocated one.
      const grown = process.memoryUsage().arrayBuffers - before;
      allocationChecked = true;
      if (grown > NOTHING_ALLOCATED_BYTES)
        failures.push(`a size-cap spec allocated ${(grown / 1e6).toFixed(1)} MB of array buffers`);
    }

    if (clean && small && spec && plan) {
      const evaluation =
        result.evaluation ?? timed(() => engineStep(failures, 'evaluateSpec', () => evaluateSpec(spec, plan)));
      if (evaluation) {
        evaluated = true;
        const shapes = [
          ...(evaluation.forward ? [[evaluation.forward.output.shape, plan.forward?.outputShape]] : []),
          ...evaluation.layers.map((l, i) => [l.output.shape, plan.layers[i]?.outputShape]),
        ];
        for (const [got, planned] of shapes) {
          if (!planned || got?.join('×') !== planned.join('×'))
            failures.push(`evaluated shape ${got?.join('×')} differs from the planned ${planned?.join('×')}`);
        }
        const verification = timed(() => engineStep(failures, 'verifySpec', () => verifySpec(spec, plan, evaluation)));
        const identitiesHold = modestEvaluation(evaluation);
        if (verification) {
          for (const layer of verification.layers) {
            if (layer.error)
              failures.push(
                `the validator found no error, but verifying ${layer.layerName} was refused: ${layer.error}`,
              );
            for (const r of layer.results) {
              if (showsBrokenValue(r.summary))
                failures.push(`verification ${r.name} on ${layer.layerName} shows a broken value: ${r.summary}`);
              if (r.notRun) verifications.notRun++;
              else if (r.passed) verifications.passed++;
              else {
                verifications.failed++;
                verifications.failedNames.push(r.name);
                if (IDENTITIES.has(r.name) && identitiesHold)
                  failures.push(`verification ${r.name} failed on ${layer.layerName}: ${r.summary}`);
              }
            }
          }
        }
        checkExpectRoundTrip(c, result, evaluation, failures);
      }
    }

    const stale =
      c.stale !== undefined
        ? tryStep(failures, 'validateSpec(stale)', () => validateSpec(c.stale!, options))
        : undefined;
    for (const offset of hoverOffsets) {
      if (analysis) checkHover(c.text, analysis, offset, "the server's analysis", failures);
      if (stale) checkHover(c.text, stale, offset, 'stale analysis', failures);
    }

    // Applying a fix must leave a text the validator still handles.
    for (const d of diagnostics.filter((x) => x.fixes?.length).slice(0, 2)) {
      const fixed = tryStep(failures, `applying the fix of ${d.code}`, () => applyEdits(c.text, d.fixes![0].edits));
      if (fixed === undefined) continue;
      const after = tryStep(failures, `validateSpec(after the fix of ${d.code})`, () => validateSpec(fixed, options));
      if (after) checkDiagnostics(fixed, after.diagnostics, failures);
    }
  }

  const ms = performance.now() - start;
  const memory = process.memoryUsage();
  const arrayBuffersDelta = memory.arrayBuffers - before;
  if (!allocationChecked && codes.includes('size-cap') && !clean && arrayBuffersDelta > NOTHING_ALLOCATED_BYTES) {
    failures.push(`a size-cap spec allocated ${(arrayBuffersDelta / 1e6).toFixed(1)} MB of array buffers`);
  }
  if (smallPlan && arrayBuffersDelta > SMALL_PLAN_ARRAY_BUFFER_BYTES)
    failures.push(
      `a small spec (≤ ${SMALL_PLAN_ELEMENTS} elements) allocated ${(arrayBuffersDelta / 1e6).toFixed(0)} MB of array buffers`,
    );
  const heapGrowth = memory.heapUsed - memoryBefore.heapUsed;
  if (smallPlan && heapGrowth > SMALL_PLAN_HEAP_BYTES + HEAP_BYTES_PER_CHARACTER * c.text.length)
    failures.push(
      `a small spec (≤ ${SMALL_PLAN_ELEMENTS} elements) grew the heap by ${(heapGrowth / 1e6).toFixed(0)} MB`,
    );
  // After the measurements: the unpacked validation of a 10 MB paste alone takes a second and a gigabyte.
  if (result) checkPackingInvisible(c, hoverOffsets, failures);
  return {
    failures,
    pipelineMs,
    ms,
    validateMs,
    arrayBuffersDelta,
    heapUsedAfter: memory.heapUsed,
    rssAfter: memory.rss,
    clean,
    evaluated,
    verifications,
    codes,
  };
}
