import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { conv, convTranspose, zeros } from '../../../src/engine';
import { validateSpec } from '../../../src/specFile';

const layerArb = fc.record({
  kind: fc.constantFrom('convTranspose' as const, 'conv' as const),
  dims: fc.constantFrom(1 as const, 2 as const),
  batch: fc.integer({ min: 1, max: 2 }),
  groups: fc.integer({ min: 1, max: 3 }),
  inPerGroup: fc.integer({ min: 1, max: 2 }),
  outPerGroup: fc.integer({ min: 1, max: 2 }),
  size: fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 2, maxLength: 2 }),
  kernel: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 2 }),
  stride: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
  padding: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 2, maxLength: 2 }),
  dilation: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 2 }),
  outputPaddingSeed: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 2, maxLength: 2 }),
});

describe('spec plan = engine (property)', () => {
  it('a random layer written as a spec plans the output shape the engine computes, or reports why PyTorch refuses', () => {
    fc.assert(
      fc.property(layerArb, (p) => {
        const d = p.dims;
        const take = (values: number[]) => values.slice(0, d);
        const cIn = p.groups * p.inPerGroup;
        const cOut = p.groups * p.outPerGroup;
        const stride = take(p.stride);
        const dilation = take(p.dilation);
        const outputPadding = take(p.outputPaddingSeed).map((v, i) => v % Math.max(stride[i], dilation[i]));
        const transposed = p.kind === 'convTranspose';
        const layer = {
          type: p.kind,
          outChannels: cOut,
          kernelSize: take(p.kernel),
          stride,
          padding: take(p.padding),
          dilation,
          groups: p.groups,
          ...(transposed ? { outputPadding } : {}),
        };
        const inputShape = [p.batch, cIn, ...take(p.size)];
        const text = JSON.stringify({ dims: d, input: { shape: inputShape, init: 'zeros' }, layer });
        const { plan, diagnostics } = validateSpec(text);

        const weightShape = transposed
          ? [cIn, p.outPerGroup, ...take(p.kernel)]
          : [cOut, p.inPerGroup, ...take(p.kernel)];
        const options = { stride, padding: take(p.padding), dilation, groups: p.groups };
        let engineShape: readonly number[] | null = null;
        try {
          const input = zeros(inputShape);
          const weight = zeros(weightShape);
          engineShape = (
            transposed
              ? convTranspose(input, weight, null, { ...options, outputPadding })
              : conv(input, weight, null, options)
          ).shape;
        } catch {
          engineShape = null;
        }
        if (engineShape) {
          assert.deepEqual(diagnostics, [], text);
          assert.deepEqual(plan?.outputShape, engineShape, text);
          assert.deepEqual(plan?.layers[0].weightShape, weightShape, text);
        } else {
          assert.ok(
            diagnostics.some((x) => x.code === 'output-size-nonpositive'),
            `${text}\n${diagnostics.map((x) => x.code).join(', ')}`,
          );
        }
      }),
      { numRuns: 400 },
    );
  });
});
