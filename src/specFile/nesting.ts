/** Nested number arrays against a shape: the first place, in reading order, where they disagree. */
import * as l10n from '@vscode/l10n';
import { fromNested, type NestedNumbers } from '../engine';
import { formatIndex, formatList } from './format';
import { flatNumbers as numbersOf, walkArrays, type ArrayWalker, type JsonNode } from './jsonTree';

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

const PLAIN: ArrayWalker<NestedNumbers> = {
  isArray: (node) => Array.isArray(node),
  length: (array) => (array as NestedNumbers[]).length,
  item: (array, i) => (array as NestedNumbers[])[i],
  firstArray: (array, upTo) => {
    const items = array as NestedNumbers[];
    for (let i = 0; i < upTo; i++) if (Array.isArray(items[i])) return i;
    return -1;
  },
};

/**
 * What the checks read: a data field (its syntax node when it was read from a spec's text, else its value), or
 * plain nested numbers. The node is walked without building the value: a long pasted `data` stays unbuilt.
 */
export type NestedData = NestedNumbers | { readonly value: NestedNumbers; readonly node?: JsonNode };

/** The numbers of nested data in reading order (row-major). Plain data must not be ragged (fromNested throws). */
export function flatNumbers(data: NestedData): ArrayLike<number> {
  if (typeof data === 'object' && !Array.isArray(data)) {
    return data.node ? numbersOf(data.node) : fromNested(data.value).data;
  }
  return fromNested(data).data;
}

function walk<R>(data: NestedData, run: <T>(walker: ArrayWalker<T>, root: T) => R): R {
  if (typeof data === 'object' && !Array.isArray(data)) {
    return data.node ? walkArrays(data.node, run) : run(PLAIN, data.value);
  }
  return run(PLAIN, data);
}

function firstProblem<T>(w: ArrayWalker<T>, root: T, shape: readonly number[]): NestingProblem | null {
  const visit = (v: T, index: number[]): NestingProblem | null => {
    const depth = index.length;
    if (depth === shape.length) return w.isArray(v) ? { index, mark: index, kind: 'too-deep' } : null;
    if (!w.isArray(v)) return { index, mark: index, kind: 'too-shallow', expectedLength: shape[depth] };
    const expected = shape[depth];
    const length = w.length(v);
    if (depth === shape.length - 1) {
      // A row: only an array in it is wrong (checked without building an index per number).
      const i = w.firstArray(v, Math.min(length, expected));
      if (i >= 0) return { index: [...index, i], mark: [...index, i], kind: 'too-deep' };
    } else {
      for (let i = 0; i < Math.min(length, expected); i++) {
        const problem = visit(w.item(v, i), [...index, i]);
        if (problem) return problem;
      }
    }
    if (length === expected) return null;
    const isRow = depth === shape.length - 1;
    const mark = length > expected && !isRow ? [...index, expected] : index;
    return { index, mark, kind: 'length', actualLength: length, expectedLength: expected };
  };
  return visit(root, []);
}

/** The first disagreement in reading order: entries inside an array are checked before its surplus or missing entries. */
export function findNestingProblem(data: NestedData, shape: readonly number[]): NestingProblem | null {
  return walk(data, (w, root) => firstProblem(w, root, shape));
}

/** The shape read along the first elements; `problem` is the first place the rest of the data disagrees with it. */
export function inferNesting(data: NestedData): { shape: number[]; problem: NestingProblem | null } {
  return walk(data, (w, root) => {
    const shape: number[] = [];
    let level = root;
    while (w.isArray(level)) {
      const length = w.length(level);
      shape.push(length);
      if (length === 0) break;
      level = w.item(level, 0);
    }
    return { shape, problem: firstProblem(w, root, shape) };
  });
}

/** Human wording, e.g. "input.data[1] has 3 numbers, but shape [2, 2] needs 2 in each row". */
export function describeNestingProblem(
  label: string,
  problem: NestingProblem,
  shape: readonly number[],
  shapeWasWritten: boolean,
): string {
  const where = `${label}${formatIndex(problem.index)}`;
  const against = shapeWasWritten
    ? l10n.t('shape {0}', formatList(shape))
    : l10n.t('the first row (reading {0})', formatList(shape));
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
