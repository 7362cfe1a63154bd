/** Shapes of the tensors a spec writes (input, kernels, biases), checked against their nested data. */
import * as l10n from '@vscode/l10n';
import type { InitKind } from '../engine';
import { DEFAULT_INIT } from './defaults';
import { replaceEdit } from './edits';
import { formatAnd, formatList, formatPath } from './format';
import type { NodeRef } from './jsonTree';
import type { Dims, SpecModel, TensorSpecModel } from './model';
import { describeNestingProblem, findNestingProblem, inferNesting } from './nesting';
import { keySpan, type Reporter } from './reporter';
import { describeShapeForms, expandShape, kernelAxesText } from './shorthand';
import type { Fix } from './diagnostics';

export interface WrittenShape {
  /** The shape as written (or read off the data), before shorthand expansion. */
  readonly shape: readonly number[];
  /** The `shape` field when written, else the `data` field. */
  readonly ref: NodeRef;
  /** The individual sizes, when `shape` was written. */
  readonly items?: readonly NodeRef[];
}

/** Which init kinds read each generator option; the others ignore it. */
const OPTION_USERS: Readonly<Record<string, readonly InitKind[]>> = {
  seed: ['random', 'randn'],
  low: ['random'],
  high: ['random'],
  start: ['arange'],
  step: ['arange'],
  value: ['fill'],
};

function warnIgnoredInit(tensor: TensorSpecModel, reporter: Reporter): void {
  const options = {
    seed: tensor.seed,
    low: tensor.low,
    high: tensor.high,
    start: tensor.start,
    step: tensor.step,
    value: tensor.value,
  };
  if (tensor.data) {
    for (const field of [tensor.init, ...Object.values(options)]) {
      if (field)
        reporter.report(
          'ignored-field',
          l10n.t('{0} has no effect: the values come from "data".', formatPath(field.ref.path)),
          keySpan(field.ref),
        );
    }
    return;
  }
  const init = tensor.init?.value ?? DEFAULT_INIT;
  for (const [name, field] of Object.entries(options)) {
    const users = OPTION_USERS[name];
    if (field && !users.includes(init)) {
      const readers = formatAnd(users.map((u) => `"${u}"`));
      reporter.report(
        'ignored-field',
        l10n.t('{0} has no effect with init "{1}"; it is read by {2}.', formatPath(field.ref.path), init, readers),
        keySpan(field.ref),
      );
    }
  }
}

/**
 * The shape a tensor spec declares: its `shape` (with `data` checked against it) or the nesting of its `data`.
 * undefined when it has neither; null when the data disagrees (reported).
 */
export function writtenShape(tensor: TensorSpecModel, reporter: Reporter): WrittenShape | null | undefined {
  warnIgnoredInit(tensor, reporter);
  const { shape, data } = tensor;
  if (shape && data) {
    const problem = findNestingProblem(data, shape.value);
    if (problem) {
      const inferred = inferNesting(data);
      const fixes: Fix[] = inferred.problem
        ? []
        : [
            {
              title: l10n.t(
                "Set {0} to {1} (the data's nesting)",
                formatPath(shape.ref.path),
                formatList(inferred.shape),
              ),
              edits: [replaceEdit(shape.ref, formatList(inferred.shape))],
            },
          ];
      const at = reporter.refAt([...data.ref.path, ...problem.mark], data.ref);
      reporter.report('data-shape', describeNestingProblem(formatPath(data.ref.path), problem, shape.value, true), at, {
        fixes,
        related: [{ offset: shape.ref.offset, length: shape.ref.length, message: l10n.t('the declared shape') }],
      });
      return null;
    }
    return { shape: shape.value, ref: shape.ref, items: shape.items };
  }
  if (shape) return { shape: shape.value, ref: shape.ref, items: shape.items };
  if (data) {
    const inferred = inferNesting(data);
    if (inferred.problem) {
      const at = reporter.refAt([...data.ref.path, ...inferred.problem.mark], data.ref);
      const path = formatPath(data.ref.path);
      reporter.report(
        'data-shape',
        l10n.t('{0} is ragged: {1}', path, describeNestingProblem(path, inferred.problem, inferred.shape, false)),
        at,
      );
      return null;
    }
    return { shape: inferred.shape, ref: data.ref };
  }
  return undefined;
}

function dimsFix(spec: SpecModel, rank: number, reporter: Reporter): Fix[] {
  const fitting = ([2, 1, 3] as const).filter((d) => d !== spec.dims && rank >= d && rank <= d + 2);
  if (fitting.length === 0) return [];
  const dims = fitting[0];
  const edit = spec.dimsField
    ? replaceEdit(spec.dimsField.ref, String(dims))
    : reporter.insertProperty([], 'dims', String(dims));
  return edit ? [{ title: l10n.t('Make this a {0}-D spec ("dims": {0})', dims), edits: [edit] }] : [];
}

/** The input's full (N, C, ...spatial) shape, or null (reported). */
export function resolveInputShape(spec: SpecModel, reporter: Reporter): number[] | null {
  const written = writtenShape(spec.input, reporter);
  if (written === null) return null;
  if (written === undefined) {
    reporter.report(
      'shape-missing',
      l10n.t(
        'The input needs a "shape" (e.g. {0}) or nested "data".',
        spec.dims === 2 ? '[4, 4]' : spec.dims === 3 ? '[4, 4, 4]' : '[8]',
      ),
      keySpan(spec.input.ref),
    );
    return null;
  }
  const full = expandShape(spec.dims, written.shape);
  if (!full) {
    const path = formatPath(written.ref.path);
    const rank = written.shape.length;
    reporter.report(
      'shape-rank',
      rank === 1
        ? l10n.t('{0} has 1 dimension, but a {1}-D spec takes {2}.', path, spec.dims, describeShapeForms(spec.dims))
        : l10n.t(
            '{0} has {1} dimensions, but a {2}-D spec takes {3}.',
            path,
            rank,
            spec.dims,
            describeShapeForms(spec.dims),
          ),
      written.ref,
      { fixes: dimsFix(spec, written.shape.length, reporter) },
    );
    return null;
  }
  return full;
}

export interface KernelLayout {
  /** As written: the spatial shorthand [kH, kW] / [k] / [kD, kH, kW], or the full PyTorch layout. */
  readonly written: WrittenShape;
  readonly full: boolean;
}

/** The kernel's written shape when it has `shape` or `data`; undefined for init-only or absent kernels; null when reported. */
export function kernelLayout(
  kernel: TensorSpecModel | undefined,
  dims: Dims,
  layout: string,
  reporter: Reporter,
): KernelLayout | null | undefined {
  if (!kernel) return undefined;
  const written = writtenShape(kernel, reporter);
  if (!written) return written;
  const rank = written.shape.length;
  if (rank !== dims && rank !== dims + 2) {
    const spatial = `[${kernelAxesText(dims)}]`;
    const path = formatPath(written.ref.path);
    reporter.report(
      'kernel-shape',
      rank === 1
        ? l10n.t(
            '{0} has 1 dimension; a {1}-D kernel is {2} (one channel in, one out per group) or the full {3}.',
            path,
            dims,
            spatial,
            layout,
          )
        : l10n.t(
            '{0} has {1} dimensions; a {2}-D kernel is {3} (one channel in, one out per group) or the full {4}.',
            path,
            rank,
            dims,
            spatial,
            layout,
          ),
      written.ref,
    );
    return null;
  }
  return { written, full: rank === dims + 2 };
}

/** The bias length a bias spec declares: undefined when it takes the layer's output channels; null when reported. */
export function biasLength(bias: TensorSpecModel | undefined, reporter: Reporter): number | null | undefined {
  if (!bias) return undefined;
  const written = writtenShape(bias, reporter);
  if (!written) return written;
  if (written.shape.length !== 1) {
    reporter.report(
      'bias-shape',
      l10n.t(
        '{0} must be 1-D (one value per output channel), got shape {1}.',
        formatPath(written.ref.path),
        formatList(written.shape),
      ),
      written.ref,
    );
    return null;
  }
  return written.shape[0];
}
