/**
 * The host-block bench's specs, drawn with a fixed seed from the fuzz suite (test/fuzz): generated and mutated
 * specs (caseArbitrary), every size-cap case, nesting 50,000 deep, and 10 MB pastes (fuzz `heavy:big-array`).
 */
import fc from 'fast-check';
import { caseArbitrary } from '../../../test/fuzz/cases';
import type { FuzzCase } from '../../../test/fuzz/check';
import { applyHeavy, loadExamples, type Example, type HeavyMutation } from '../../../test/fuzz/mutations';
import { SIZE_CAP_CASES } from '../../../test/fuzz/sizeCapCases';

export interface BenchCase {
  readonly family: string;
  /** Made when the case runs: the client holds one 10 MB document at a time, as an editor with one open. */
  readonly text: () => string;
  /** Where to hover, as fractions of the text's length. */
  readonly hovers: readonly number[];
  /** tconv.memoryBudget for the case (the default when absent). */
  readonly memoryBudget?: number;
}

export const HUGE_FAMILY = 'heavy:big-array';

/**
 * 10 MB of numbers pasted over an array (`a` picks which): into data and expect.output where the plan survives
 * (hovers have something to show), into a hyperparameter list, the input shape, the layer list and a broken
 * example; the last one is the same paste one number per line (a million lines in the editor's model).
 */
const HUGE_TARGETS: readonly [name: string, a: number, perLine: boolean][] = [
  ['d2l-basic.tconv.json', 1, false],
  ['d2l-padding.tconv.json', 1, false],
  ['symbolic-4x4-3x3.tconv.json', 1, false],
  ['d2l-exercise1.tconv.json', 0, false],
  ['onnx-asymmetric-stride.tconv.json', 2, false],
  ['dcgan-generator.tconv.json', 0, false],
  ['dcgan-generator.tconv.json', 1, false],
  ['broken/data-shape-mismatch.tconv.json', 0, false],
  ['d2l-stride.tconv.json', 1, true],
];

function hugeCases(examples: readonly Example[], count: number): BenchCase[] {
  return HUGE_TARGETS.slice(0, count).map(([name, a, perLine]) => {
    const example = examples.findIndex((e) => e.name === name);
    if (example < 0) throw new Error(`no example ${name}`);
    const text = () => applyHeavy(examples, { example, kind: 'big-array', depth: 0, a });
    return {
      family: `${HUGE_FAMILY} (${name}, a=${a}${perLine ? ', one number per line' : ''})`,
      text: perLine ? () => text().replace(/, (?=[\d.])/g, ',\n') : text,
      hovers: [0.01, 0.5, 0.99],
    };
  });
}

export function corpus(seed: number, fuzzCases: number, huge: number): BenchCase[] {
  const examples = loadExamples();
  const sampled: BenchCase[] = fc
    .sample(caseArbitrary(examples), { seed, numRuns: fuzzCases })
    .map((c: FuzzCase) => ({ family: c.family, text: () => c.text, hovers: c.hovers, memoryBudget: c.memoryBudget }));
  const sizeCaps: BenchCase[] = SIZE_CAP_CASES.map((s) => ({
    family: `size-cap: ${s.name}`,
    text: () => s.text,
    hovers: [0.2, 0.5, 0.8],
    memoryBudget: s.memoryBudget,
  }));
  const kinds: HeavyMutation['kind'][] = ['deep-balanced', 'deep-unclosed', 'deep-alternating'];
  const deep: BenchCase[] = kinds.map((kind, i) => ({
    family: `heavy:${kind}`,
    text: () => applyHeavy(examples, { example: 6 + i, kind, depth: 50_000, a: i }),
    hovers: [0.1, 0.5, 0.9],
  }));
  return [...sampled, ...sizeCaps, ...deep, ...hugeCases(examples, huge)];
}

export const SIZE_CAP_COUNT = SIZE_CAP_CASES.length;
