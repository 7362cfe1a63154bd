// conv2d gathers, for each output position, the taps inside the input and does one dot product per output
// channel (src/engine/conv.ts). It must give, bit for bit, the textbook loop below: bias first, then channel by
// channel and tap by tap, skipping taps outside the input, float32 rounded after every step.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { conv1d, conv2d, type Tensor } from '../../../src/engine';

function textbookConv2d(
  x: Tensor,
  w: Tensor,
  bias: Tensor | null,
  stride: readonly number[],
  padding: readonly number[],
  dilation: readonly number[],
  groups: number,
  outShape: readonly number[],
): number[] {
  const [batch, cIn, hIn, wIn] = x.shape;
  const [, cInPerGroup, kH, kW] = w.shape;
  const [, cOut, hOut, wOut] = outShape;
  const f32 = x.data instanceof Float32Array;
  const round = (v: number) => (f32 ? Math.fround(v) : v);
  const out: number[] = [];
  for (let n = 0; n < batch; n++) {
    for (let co = 0; co < cOut; co++) {
      const g = Math.floor(co / (cOut / groups));
      for (let oh = 0; oh < hOut; oh++) {
        for (let ow = 0; ow < wOut; ow++) {
          let sum = round(bias ? bias.data[co] : 0);
          for (let ci = 0; ci < cInPerGroup; ci++) {
            for (let kh = 0; kh < kH; kh++) {
              for (let kw = 0; kw < kW; kw++) {
                const ih = oh * stride[0] - padding[0] + kh * dilation[0];
                const iw = ow * stride[1] - padding[1] + kw * dilation[1];
                if (ih < 0 || ih >= hIn || iw < 0 || iw >= wIn) continue;
                sum = round(
                  sum +
                    w.data[((co * cInPerGroup + ci) * kH + kh) * kW + kw] *
                      x.data[((n * cIn + g * cInPerGroup + ci) * hIn + ih) * wIn + iw],
                );
              }
            }
          }
          out.push(sum);
        }
      }
    }
  }
  return out;
}

const value = fc.oneof(
  { weight: 20, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, NaN, -0, 1e308, 5e-324) },
);

const layer = fc
  .record({
    groups: fc.integer({ min: 1, max: 3 }),
    cInPerGroup: fc.integer({ min: 1, max: 3 }),
    cOutPerGroup: fc.integer({ min: 1, max: 3 }),
    k: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })),
    stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    dilation: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
    padding: fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })),
    size: fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 })),
    batch: fc.integer({ min: 1, max: 2 }),
    float32: fc.boolean(),
    withBias: fc.boolean(),
    seed: fc.array(value, { minLength: 1, maxLength: 64 }),
  })
  .filter((l) => [0, 1].every((d) => l.size[d] + 2 * l.padding[d] - l.dilation[d] * (l.k[d] - 1) - 1 >= 0));

describe('conv2d: the textbook loop, bit for bit', () => {
  it('any shape, stride, padding, dilation, groups, bias and dtype, with infinities, NaN, -0 and subnormals', () => {
    fc.assert(
      fc.property(layer, (l) => {
        const fill = (length: number, offset: number) => {
          const values = Array.from({ length }, (_, i) => l.seed[(i * 7 + offset) % l.seed.length]);
          return l.float32 ? Float32Array.from(values) : Float64Array.from(values);
        };
        const cIn = l.groups * l.cInPerGroup;
        const cOut = l.groups * l.cOutPerGroup;
        const x: Tensor = {
          shape: [l.batch, cIn, l.size[0], l.size[1]],
          data: fill(l.batch * cIn * l.size[0] * l.size[1], 0),
        };
        const w: Tensor = {
          shape: [cOut, l.cInPerGroup, l.k[0], l.k[1]],
          data: fill(cOut * l.cInPerGroup * l.k[0] * l.k[1], 3),
        };
        const bias: Tensor | null = l.withBias ? { shape: [cOut], data: fill(cOut, 5) } : null;
        const out = conv2d(x, w, bias, {
          stride: l.stride,
          padding: l.padding,
          dilation: l.dilation,
          groups: l.groups,
        });
        const expected = textbookConv2d(x, w, bias, l.stride, l.padding, l.dilation, l.groups, out.shape);
        assert.equal(out.data.length, expected.length);
        assert.equal(out.data instanceof Float32Array, l.float32);
        for (let i = 0; i < expected.length; i++)
          assert.ok(Object.is(out.data[i], expected[i]), `at ${i}: ${out.data[i]} vs ${expected[i]}`);
      }),
      { numRuns: 1500 },
    );
  });

  it('conv1d is conv2d on a one-row image', () => {
    const x: Tensor = { shape: [1, 2, 6], data: Float64Array.from([1, -2, 3, 0.5, 4, -1, 2, 2, -3, 1, 0, 7]) };
    const w: Tensor = { shape: [3, 2, 2], data: Float64Array.from([1, 2, 3, 4, -1, 0.5, 2, -2, 0, 1, 1, 0]) };
    const one = conv1d(x, w, null, { stride: 2, padding: 1, dilation: 2 });
    const two = conv2d({ shape: [1, 2, 1, 6], data: x.data }, { shape: [3, 2, 1, 2], data: w.data }, null, {
      stride: [1, 2],
      padding: [0, 1],
      dilation: [1, 2],
    });
    assert.deepEqual(one.shape, [1, 3, two.shape[3]]);
    assert.deepEqual(Array.from(one.data), Array.from(two.data));
  });
});
