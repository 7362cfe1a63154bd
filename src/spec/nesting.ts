/** Nested number arrays against a shape: the first place, in reading order, where they disagree. */
import type { NestedNumbers } from '../engine';
import { formatIndex, formatList } from './format';

export interface NestingProblem {
  /** Index path from the data's root to the offending array or number. */
  readonly index: readonly number[];
  /** Where to put the diagnostic: a row of numbers as a whole, or the first surplus entry of a longer array, else `index`. */
  readonly mark: readonly number[];
  /** 'length': an array of the wrong length; 'too-shallow': a number where an array belongs; 'too-deep': the reverse. */
  readonly kind: 'length' | 'too-shallow' | 'too-deep';
  readonly actualLength?: number;
  readonly expectedLength?: number;
}

/** The first disagreement in reading order: entries inside an array are checked before its surplus or missing entries. */
export function findNestingProblem(value: NestedNumbers, shape: readonly number[]): NestingProblem | null {
  const visit = (v: NestedNumbers, index: number[]): NestingProblem | null => {
    const depth = index.length;
    if (depth === shape.length) return Array.isArray(v) ? { index, mark: index, kind: 'too-deep' } : null;
    if (!Array.isArray(v)) return { index, mark: index, kind: 'too-shallow', expectedLength: shape[depth] };
    const expected = shape[depth];
    for (let i = 0; i < Math.min(v.length, expected); i++) {
      const problem = visit(v[i], [...index, i]);
      if (problem) return problem;
    }
    if (v.length === expected) return null;
    const isRow = depth === shape.length - 1;
    const mark = v.length > expected && !isRow ? [...index, expected] : index;
    return { index, mark, kind: 'length', actualLength: v.length, expectedLength: expected };
  };
  return visit(value, []);
}

/** The shape read along the first elements; `problem` is the first place the rest of the data disagrees with it. */
export function inferNesting(value: NestedNumbers): { shape: number[]; problem: NestingProblem | null } {
  const shape: number[] = [];
  let level = value;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return { shape, problem: findNestingProblem(value, shape) };
}

/** Human wording, e.g. "input.data[1] has 3 numbers, but shape [2, 2] needs 2 in each row". */
export function describeNestingProblem(label: string, problem: NestingProblem, shape: readonly number[], shapeWasWritten: boolean): string {
  const where = `${label}${formatIndex(problem.index)}`;
  const against = shapeWasWritten ? `shape ${formatList(shape)}` : `the first row (reading ${formatList(shape)})`;
  const isRow = problem.index.length === shape.length - 1;
  switch (problem.kind) {
    case 'length':
      return isRow
        ? `${where} has ${problem.actualLength} number${problem.actualLength === 1 ? '' : 's'}, but ${against} needs ${problem.expectedLength} in each row.`
        : `${where} has ${problem.actualLength} entr${problem.actualLength === 1 ? 'y' : 'ies'}, but ${against} needs ${problem.expectedLength} at this depth.`;
    case 'too-shallow':
      return `${where} is a number, but ${against} needs an array of ${problem.expectedLength} here.`;
    case 'too-deep':
      return `${where} is an array, but ${against} has only ${shape.length} level${shape.length === 1 ? '' : 's'} of nesting.`;
  }
}
