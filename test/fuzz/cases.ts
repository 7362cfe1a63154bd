/** All fuzz families as one arbitrary of FuzzCase, with weights; heavy cases are rare by design. */
import fc from 'fast-check';
import type { FuzzCase } from './check';
import { arr, key, num, obj, render } from './doc';
import { applyHeavy, applyMutation, heavyArbitrary, mutationArbitrary, type Example } from './mutations';
import { SIZE_CAP_CASES } from './sizeCapCases';
import { specArbitrary } from './specArbitrary';

const hovers = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 });
// Small memory budgets (8 KiB, 1 MiB) put layers of ordinary specs beyond them: values not computed, shapes exact.
const memoryBudget = fc.option(fc.constantFrom(8192, 1_048_576), { freq: 8, nil: undefined });

/** Sizes around and far above the cap, in shapes and hyperparameters. */
const BIG = [1, 2, 3, 7, 64, 1000, 4096, 65_536, 1_000_000, 16_777_217, 1e9, 2 ** 31, 2 ** 53];

function bigShapeSpec(): fc.Arbitrary<string> {
  const big = fc.constantFrom(...BIG);
  return fc
    .record({
      shape: fc.array(big, { minLength: 2, maxLength: 4 }),
      kernelSize: fc.oneof(fc.integer({ min: 1, max: 3 }), big),
      outChannels: fc.option(big, { nil: undefined }),
      stride: fc.option(big, { nil: undefined }),
      dilation: fc.option(big, { nil: undefined }),
      padding: fc.option(big, { nil: undefined }),
      conv: fc.boolean(),
    })
    .map((p) =>
      render(
        obj([
          [key('input'), obj([[key('shape'), arr(p.shape.map(num))]])],
          [
            key('layer'),
            obj([
              ...(p.conv ? [[key('type'), { t: 'raw', text: '"conv"' }] as const] : []),
              [key('kernelSize'), num(p.kernelSize)],
              ...(p.outChannels !== undefined ? [[key('outChannels'), num(p.outChannels)] as const] : []),
              ...(p.stride !== undefined ? [[key('stride'), num(p.stride)] as const] : []),
              ...(p.dilation !== undefined ? [[key('dilation'), num(p.dilation)] as const] : []),
              ...(p.padding !== undefined ? [[key('padding'), num(p.padding)] as const] : []),
            ]),
          ],
        ]),
      ),
    );
}

/**
 * Huge hyperparameters that cancel out: dilation 10⁹ with padding 5·10⁸, stride 2⁵³ on a one-element axis, a
 * forward stride larger than its padded input. The output stays small, so these pass validation and reach
 * evaluation and every verification.
 */
function cancellingSpec(): fc.Arbitrary<string> {
  const big = fc.constantFrom(10, 100, 1000, 10_000, 1_000_000, 1e9, 2 ** 31, 2 ** 52);
  return fc
    .record({
      dims: fc.constantFrom(1, 2),
      size: fc.integer({ min: 1, max: 3 }),
      kernel: fc.integer({ min: 1, max: 3 }),
      dilation: big,
      stride: fc.oneof(fc.integer({ min: 1, max: 3 }), big),
      slack: fc.integer({ min: -1, max: 1 }),
      conv: fc.boolean(),
      forward: fc.boolean(),
      verify: fc.subarray(
        ['scatter', 'matrix', 'transpose', 'roundTrip', 'adjoint', 'gradient', 'reconstruction', 'cost'],
        { minLength: 1 },
      ),
    })
    .map((p) => {
      const padding = Math.max(0, Math.floor((p.dilation * (p.kernel - 1)) / 2) + p.slack);
      const shape = p.dims === 1 ? [p.size] : [p.size, p.size];
      const layer = p.conv
        ? { type: 'conv', kernelSize: 1, stride: p.stride, padding: p.dilation }
        : { kernelSize: p.kernel, dilation: p.dilation, padding, stride: p.stride };
      return JSON.stringify({
        dims: p.dims,
        input: { shape, init: 'arange' },
        ...(p.forward && !p.conv ? { forward: {} } : {}),
        layer,
        verify: p.verify,
      });
    });
}

export interface CaseWeights {
  readonly spec: number;
  readonly mutation: number;
  readonly bigShape: number;
  readonly sizeCap: number;
  /** Nesting thousands deep, 10 MB arrays: each takes up to a second. */
  readonly heavy: number;
}

export const DEFAULT_WEIGHTS: CaseWeights = { spec: 48, mutation: 44, bigShape: 6, sizeCap: 2, heavy: 0 };

export function caseArbitrary(
  examples: readonly Example[],
  weights: CaseWeights = DEFAULT_WEIGHTS,
): fc.Arbitrary<FuzzCase> {
  const common = fc.record({ hovers, memoryBudget, perturb: fc.nat() });
  const families: { arbitrary: fc.Arbitrary<FuzzCase>; weight: number }[] = [
    {
      weight: weights.spec,
      arbitrary: fc
        .tuple(specArbitrary(), common)
        .map(([s, c]) => ({ family: s.rate > 0 ? 'spec-wild' : 'spec-tame', text: s.text, ...c })),
    },
    {
      weight: weights.mutation,
      arbitrary: fc.tuple(mutationArbitrary(examples), common).map(([m, c]) => ({
        family: `mutation:${m.op}`,
        text: applyMutation(examples, m),
        stale: examples[m.example].text,
        ...c,
      })),
    },
    {
      weight: weights.bigShape,
      arbitrary: fc.tuple(bigShapeSpec(), common).map(([text, c]) => ({ family: 'big-shape', text, ...c })),
    },
    {
      weight: weights.bigShape,
      arbitrary: fc
        .tuple(cancellingSpec(), common)
        .map(([text, c]) => ({ family: 'huge-hyperparameters', text, ...c })),
    },
    {
      weight: weights.sizeCap,
      arbitrary: fc
        .tuple(fc.constantFrom(...SIZE_CAP_CASES), common)
        .map(([s, c]) => ({ family: 'size-cap', text: s.text, ...c, memoryBudget: s.memoryBudget })),
    },
    {
      weight: weights.heavy,
      arbitrary: fc.tuple(heavyArbitrary(examples), common).map(([h, c]) => ({
        family: `heavy:${h.kind}`,
        text: applyHeavy(examples, h),
        stale: examples[h.example].text,
        ...c,
      })),
    },
  ];
  return fc.oneof(...families.filter((f) => f.weight > 0));
}
