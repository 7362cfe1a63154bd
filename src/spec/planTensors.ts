/** Shapes of the tensors a spec writes (input, kernels, biases), checked against their nested data. */
import type { InitKind } from '../engine';
import { DEFAULT_INIT } from './defaults';
import { replaceEdit } from './edits';
import { formatList, formatPath } from './format';
import type { NodeRef } from './jsonTree';
import type { Dims, SpecModel, TensorSpecModel } from './model';
import { describeNestingProblem, findNestingProblem, inferNesting } from './nesting';
import { keySpan, type Reporter } from './reporter';
import { describeShapeForms, expandShape } from './shorthand';
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
  const options = { seed: tensor.seed, low: tensor.low, high: tensor.high, start: tensor.start, step: tensor.step, value: tensor.value };
  if (tensor.data) {
    for (const field of [tensor.init, ...Object.values(options)]) {
      if (field) reporter.report('ignored-field', `${formatPath(field.ref.path)} has no effect: the values come from "data".`, keySpan(field.ref));
    }
    return;
  }
  const init = tensor.init?.value ?? DEFAULT_INIT;
  for (const [name, field] of Object.entries(options)) {
    const users = OPTION_USERS[name];
    if (field && !users.includes(init)) {
      reporter.report('ignored-field', `${formatPath(field.ref.path)} has no effect with init "${init}"; it is read by ${users.map((u) => `"${u}"`).join(' and ')}.`, keySpan(field.ref));
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
    const problem = findNestingProblem(data.value, shape.value);
    if (problem) {
      const inferred = inferNesting(data.value);
      const fixes: Fix[] = inferred.problem
        ? []
        : [{ title: `Set ${formatPath(shape.ref.path)} to ${formatList(inferred.shape)} (the data's nesting)`, edits: [replaceEdit(shape.ref, formatList(inferred.shape))] }];
      const at = reporter.refAt([...data.ref.path, ...problem.mark], data.ref);
      reporter.report('data-shape', describeNestingProblem(formatPath(data.ref.path), problem, shape.value, true), at, {
        fixes,
        related: [{ offset: shape.ref.offset, length: shape.ref.length, message: 'the declared shape' }],
      });
      return null;
    }
    return { shape: shape.value, ref: shape.ref, items: shape.items };
  }
  if (shape) return { shape: shape.value, ref: shape.ref, items: shape.items };
  if (data) {
    const inferred = inferNesting(data.value);
    if (inferred.problem) {
      const at = reporter.refAt([...data.ref.path, ...inferred.problem.mark], data.ref);
      reporter.report('data-shape', `${formatPath(data.ref.path)} is ragged: ${describeNestingProblem(formatPath(data.ref.path), inferred.problem, inferred.shape, false)}`, at);
      return null;
    }
    return { shape: inferred.shape, ref: data.ref };
  }
  return undefined;
}

function dimsFix(spec: SpecModel, rank: number, reporter: Reporter): Fix[] {
  const fitting = ([1, 2] as const).filter((d) => d !== spec.dims && rank >= d && rank <= d + 2);
  if (fitting.length === 0) return [];
  const dims = fitting[0];
  const edit = spec.dimsField ? replaceEdit(spec.dimsField.ref, String(dims)) : reporter.insertProperty([], 'dims', String(dims));
  return edit ? [{ title: `Make this a ${dims}-D spec ("dims": ${dims})`, edits: [edit] }] : [];
}

/** The input's full (N, C, ...spatial) shape, or null (reported). */
export function resolveInputShape(spec: SpecModel, reporter: Reporter): number[] | null {
  const written = writtenShape(spec.input, reporter);
  if (written === null) return null;
  if (written === undefined) {
    reporter.report('shape-missing', `The input needs a "shape" (e.g. ${spec.dims === 2 ? '[4, 4]' : '[8]'}) or nested "data".`, keySpan(spec.input.ref));
    return null;
  }
  const full = expandShape(spec.dims, written.shape);
  if (!full) {
    reporter.report(
      'shape-rank',
      `${formatPath(written.ref.path)} has ${written.shape.length} dimension${written.shape.length === 1 ? '' : 's'}, but a ${spec.dims}-D spec takes ${describeShapeForms(spec.dims)}.`,
      written.ref,
      { fixes: dimsFix(spec, written.shape.length, reporter) },
    );
    return null;
  }
  return full;
}

export interface KernelLayout {
  /** As written: the spatial shorthand [kH, kW] / [k], or the full PyTorch layout. */
  readonly written: WrittenShape;
  readonly full: boolean;
}

/** The kernel's written shape when it has `shape` or `data`; undefined for init-only or absent kernels; null when reported. */
export function kernelLayout(kernel: TensorSpecModel | undefined, dims: Dims, layout: string, reporter: Reporter): KernelLayout | null | undefined {
  if (!kernel) return undefined;
  const written = writtenShape(kernel, reporter);
  if (!written) return written;
  const rank = written.shape.length;
  if (rank !== dims && rank !== dims + 2) {
    const spatial = dims === 2 ? '[kH, kW]' : '[k]';
    reporter.report(
      'kernel-shape',
      `${formatPath(written.ref.path)} has ${rank} dimension${rank === 1 ? '' : 's'}; a ${dims}-D kernel is ${spatial} (one channel in, one out per group) or the full ${layout}.`,
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
    reporter.report('bias-shape', `${formatPath(written.ref.path)} must be 1-D (one value per output channel), got shape ${formatList(written.shape)}.`, written.ref);
    return null;
  }
  return written.shape[0];
}
