/** Compares an expect.output with the computed tensor and marks the worst element. */
import * as l10n from '@vscode/l10n';
import { reshape, tensor as tensorOf, toNested, type DType, type NestedNumbers, type Tensor } from '../engine';
import type { Fix } from './diagnostics';
import { defaultTolerance } from './defaults';
import { replaceEdit } from './edits';
import { formatList, formatPath, formatValue } from './format';
import type { ExpectModel } from './model';
import { capitalize } from './labels';
import { flatNumbers, inferNesting } from './nesting';
import type { Reporter } from './reporter';

const MAX_VALUES_IN_FIX = 1024;

function unflatten(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = rest % shape[d];
    rest = Math.floor(rest / shape[d]);
  }
  return index;
}

/** "[[0, 0, 1], [0, 4, 6]]": nested arrays on one line, numbers as computed. */
function formatNested(value: NestedNumbers): string {
  return Array.isArray(value) ? `[${value.map(formatNested).join(', ')}]` : String(value);
}

/** Within tolerance: |computed − expected| ≤ tolerance·(1 + |expected|). */
function excess(computed: number, expected: number, tolerance: number): number {
  const diff = Math.abs(computed - expected);
  if (Number.isNaN(diff)) return Infinity;
  return diff / (tolerance * (1 + Math.abs(expected)) || Number.MIN_VALUE);
}

export function checkExpectedValues(
  expect: ExpectModel,
  subject: string,
  computed: Tensor,
  dtype: DType,
  reporter: Reporter,
  usedFastPath = false,
): void {
  const field = expect.output;
  if (!field) return;
  const writtenShape = inferNesting(field).shape;
  const expected = tensorOf(computed.shape, flatNumbers(field));
  const tolerance = expect.tolerance?.value ?? defaultTolerance(dtype, usedFastPath);
  let worst = -1;
  let worstExcess = 1;
  let failing = 0;
  for (let i = 0; i < computed.data.length; i++) {
    const e = excess(computed.data[i], expected.data[i], tolerance);
    if (e > 1) failing++;
    if (e > worstExcess) {
      worstExcess = e;
      worst = i;
    }
  }
  if (failing === 0 || worst < 0) return;
  const fullIndex = unflatten(worst, computed.shape);
  const writtenIndex = fullIndex.slice(fullIndex.length - writtenShape.length);
  const at = reporter.refAt([...field.ref.path, ...writtenIndex], field.ref);
  const got = computed.data[worst];
  const want = expected.data[worst];
  const others =
    failing > 1 ? ` ${l10n.t('{0} of {1} values differ; this is the worst.', failing, computed.data.length)}` : '';
  const fixes: Fix[] = [
    {
      title: l10n.t('Replace with the computed value {0}', formatValue(got)),
      edits: [replaceEdit(at, String(got))],
      isPreferred: true,
    },
  ];
  if (computed.data.length <= MAX_VALUES_IN_FIX) {
    const nested = toNested(reshape(computed, writtenShape));
    fixes.push({
      title: l10n.t('Replace {0} with the computed output', formatPath(field.ref.path)),
      edits: [replaceEdit(field.ref, formatNested(nested))],
    });
  }
  const differs = l10n.t(
    '{0} at {1} is {2}, but {3} says {4} (difference {5}, tolerance {6}).',
    capitalize(subject),
    formatList(fullIndex),
    formatValue(got),
    formatPath(field.ref.path),
    formatValue(want),
    formatValue(Math.abs(got - want)),
    String(tolerance),
  );
  reporter.report('expected-values', `${differs}${others}`, at, { fixes });
}
