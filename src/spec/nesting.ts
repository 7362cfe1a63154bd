/** Nested number arrays against a shape: the first place, in reading order, where they disagree. */
import * as l10n from '@vscode/l10n';
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
    if (depth === shape.length - 1) {
      // A row: only an array in it is wrong (checked without building an index per number).
      for (let i = 0; i < Math.min(v.length, expected); i++) {
        if (Array.isArray(v[i])) return { index: [...index, i], mark: [...index, i], kind: 'too-deep' };
      }
    } else {
      for (let i = 0; i < Math.min(v.length, expected); i++) {
        const problem = visit(v[i], [...index, i]);
        if (problem) return problem;
      }
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
  const against = shapeWasWritten ? l10n.t('shape {0}', formatList(shape)) : l10n.t('the first row (reading {0})', formatList(shape));
  const isRow = problem.index.length === shape.length - 1;
  const actual = problem.actualLength;
  const expected = problem.expectedLength ?? 0;
  switch (problem.kind) {
    case 'length':
      if (isRow) {
        return actual === 1
          ? l10n.t('{0} has 1 number, but {1} needs {2} in each row.', where, against, expected)
          : l10n.t('{0} has {1} numbers, but {2} needs {3} in each row.', where, actual ?? 0, against, expected);
      }
      return actual === 1
        ? l10n.t('{0} has 1 entry, but {1} needs {2} at this depth.', where, against, expected)
        : l10n.t('{0} has {1} entries, but {2} needs {3} at this depth.', where, actual ?? 0, against, expected);
    case 'too-shallow':
      return l10n.t('{0} is a number, but {1} needs an array of {2} here.', where, against, expected);
    case 'too-deep':
      return shape.length === 1
        ? l10n.t('{0} is an array, but {1} has only 1 level of nesting.', where, against)
        : l10n.t('{0} is an array, but {1} has only {2} levels of nesting.', where, against, shape.length);
  }
}
