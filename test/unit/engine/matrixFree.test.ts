// Issue #14: W·x and Wᵀ·y without storing W. On small layers the matrix-free products equal the CSR ones of
// matrix.ts bit for bit (same rows, same entry order), over random geometries with groups, dilation, padding and
// output_padding, in 1-D and 2-D (3-D has no CSR; its checks are compared with the exact engine in conv3d.test.ts).
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  conv,
  convTranspose,
  generate,
  matTVec,
  matVec,
  transposedConvMatrix,
  verifyLayer,
  type Tensor,
} from '../../../src/engine';
import { prepareLayer } from '../../../src/engine/verify/layer';
import { columnTimes, geometryOf, rowTimes, timesW, timesWt } from '../../../src/engine/verify/matrixFree';

const random = (shape: number[], seed: number): Tensor => generate(shape, { init: 'random', low: -1, high: 1, seed });

const layerArb = fc
  .record({
    rank: fc.constantFrom(1, 2),
    groups: fc.integer({ min: 1, max: 2 }),
    cIn: fc.integer({ min: 1, max: 2 }),
    cOut: fc.integer({ min: 1, max: 2 }),
    size: fc.integer({ min: 1, max: 4 }),
    kernel: fc.integer({ min: 1, max: 3 }),
    stride: fc.integer({ min: 1, max: 3 }),
    dilation: fc.integer({ min: 1, max: 2 }),
    padding: fc.integer({ min: 0, max: 2 }),
    outputPadding: fc.integer({ min: 0, max: 2 }),
    seed: fc.nat(1000),
  })
  .filter((l) => l.outputPadding < Math.max(l.stride, l.dilation))
  .filter((l) => (l.size - 1) * l.stride - 2 * l.padding + l.dilation * (l.kernel - 1) + l.outputPadding + 1 > 0);

describe('matrix-free W (issue #14)', () => {
  it('timesW / timesWt equal the CSR matVec / matTVec on random small layers', () => {
    fc.assert(
      fc.property(layerArb, (l) => {
        const spatial = l.rank === 1 ? [l.size] : [l.size, l.size + 1];
        const kernel = l.rank === 1 ? [l.kernel] : [l.kernel, l.kernel];
        const input = random([1, l.cIn * l.groups, ...spatial], l.seed);
        const weight = random([l.cIn * l.groups, l.cOut, ...kernel], l.seed + 1);
        const options = {
          stride: l.stride,
          padding: l.padding,
          dilation: l.dilation,
          outputPadding: l.outputPadding,
          groups: l.groups,
        };
        const ctx = prepareLayer({ input, weight, bias: null, options }, { path: 'exact' });
        const g = geometryOf(ctx);
        const W = transposedConvMatrix(input.shape, weight, options);
        assert.equal(g.nnz, W.rowPtr[W.rows]);
        const x = random([W.cols], l.seed + 2).data;
        assert.deepEqual(Array.from(timesW(g, weight, x).value), Array.from(matVec(W, x)));
        assert.deepEqual(Array.from(timesWt(g, weight, input.data).value), Array.from(matTVec(W, input.data)));
        for (const r of verifyLayer({ input, weight, bias: null, options }, ['scatter', 'matrix', 'transpose'])) {
          assert.ok(r.passed && !r.notRun, `${r.name}: ${r.summary}`);
        }
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it('rowTimes / columnTimes (the sampled entries) equal timesW / timesWt entry by entry, any rank and groups', () => {
    fc.assert(
      fc.property(
        fc.record({
          rank: fc.integer({ min: 1, max: 3 }),
          groups: fc.integer({ min: 1, max: 2 }),
          cIn: fc.integer({ min: 1, max: 2 }),
          cOut: fc.integer({ min: 1, max: 2 }),
          size: fc.integer({ min: 1, max: 4 }),
          k: fc.integer({ min: 1, max: 3 }),
          s: fc.integer({ min: 1, max: 3 }),
          d: fc.integer({ min: 1, max: 2 }),
          p: fc.integer({ min: 0, max: 2 }),
        }),
        ({ rank, groups, cIn, cOut, size, k, s, d, p }) => {
          const spatial = Array.from({ length: rank }, (_, a) => size + a);
          const kernel = Array.from({ length: rank }, () => k);
          fc.pre(spatial.every((n) => (n - 1) * s - 2 * p + d * (k - 1) + 1 > 0));
          const options = { stride: s, dilation: d, padding: p };
          const layer = {
            input: random([2, cIn * groups, ...spatial], 3),
            weight: random([cIn * groups, cOut, ...kernel], 4),
            bias: null,
            options: { ...options, groups },
          };
          const ctx = prepareLayer(layer);
          const g = geometryOf(ctx);
          const x = random([2, cOut * groups, ...ctx.outputShape.slice(2)], 5).data;
          for (const n of [0, 1]) {
            const w = timesW(g, ctx.weight, x.subarray(n * g.cols, (n + 1) * g.cols));
            for (let r = 0; r < g.rows; r++) {
              const e = rowTimes(g, ctx.weight, r, x, n * g.cols);
              assert.ok(Math.abs(e.value - w.value[r]) <= 1e-12 * (1 + w.absolute[r]), `row ${r}`);
              assert.ok(Math.abs(e.absolute - w.absolute[r]) <= 1e-12 * (1 + w.absolute[r]), `row ${r} |terms|`);
            }
            const y = ctx.input.data.subarray(n * g.rows, (n + 1) * g.rows);
            const wt = timesWt(g, ctx.weight, y);
            for (let c = 0; c < g.cols; c++) {
              const e = columnTimes(g, ctx.weight, c, ctx.input.data, n * g.rows);
              assert.ok(Math.abs(e.value - wt.value[c]) <= 1e-12 * (1 + wt.absolute[c]), `column ${c}`);
              assert.ok(Math.abs(e.absolute - wt.absolute[c]) <= 1e-12 * (1 + wt.absolute[c]), `column ${c} |terms|`);
            }
          }
        },
      ),
      { numRuns: 150, seed: 14 },
    );
  });

  it('the overflow rule: 1e300 inputs are "not run: values overflow float64", never a mismatch', () => {
    const input = generate([1, 2, 3, 3], { init: 'ones' });
    const data = Float64Array.from(input.data, (v) => v * 1e300);
    const weight = generate([2, 1, 2, 2], { init: 'ones' });
    const layer = {
      input: { shape: input.shape, data },
      weight: { ...weight, data: weight.data.map((v) => v * 1e10) },
      bias: null,
      options: {},
    };
    for (const r of verifyLayer(layer, ['scatter', 'transpose', 'gradient'])) {
      assert.equal(r.passed, false);
      assert.match(r.notRun ?? '', /^values overflow float64 \(max \|x\| = 1\.0e\+300\)$/, `${r.name}: ${r.summary}`);
    }
  });

  it('the overflow rule on the fast path: values beyond float32 are "not run: values overflow float32"', () => {
    const input = random([1, 64, 8, 8], 1);
    const data = Float64Array.from(input.data, (v) => v * 1e37);
    const weight = random([64, 64, 4, 4], 2);
    const layer = { input: { shape: input.shape, data }, weight, bias: null, options: { stride: 2, padding: 1 } };
    for (const r of verifyLayer(layer, ['scatter', 'transpose', 'gradient'])) {
      assert.equal(r.passed, false);
      assert.match(r.notRun ?? '', /^values overflow float32 \(max \|x\| = /, `${r.name}: ${r.summary}`);
    }
  });

  it('on the fast path each check still fails when the engine is wrong by more than the float32 bound', () => {
    const layer = {
      input: random([2, 64, 8, 8], 1),
      weight: random([64, 64, 4, 4], 2),
      bias: null,
      options: { stride: 2, padding: 1 },
    };
    // The fast path compares a seeded sample of 4,096 entries (whole planes for scatter): one wrong entry in 50
    // is found (missing all of them has probability (49/50)^4096 ≈ 1e-36); a single wrong entry may not be.
    const off = (t: Tensor): Tensor => {
      const data = Float64Array.from(t.data);
      for (let i = 5; i < data.length; i += 50) data[i] += 1;
      return { shape: t.shape, data };
    };
    const [ok] = verifyLayer(layer, ['transpose']);
    assert.ok(ok.passed && Number(ok.details.float32Gamma) > 0, ok.summary);

    const ops = {
      conv: (x: Tensor, w: Tensor, b: Tensor | null, o: object) => off(conv(x, w, b, { ...o, path: 'fast' })),
      convTranspose: (x: Tensor, w: Tensor, b: Tensor | null, o: object) =>
        off(convTranspose(x, w, b, { ...o, path: 'fast' })),
    };
    for (const r of verifyLayer(layer, ['scatter', 'matrix', 'transpose'], { ops })) {
      assert.equal(r.passed, false, `${r.name}: ${r.summary}`);
      assert.equal(r.notRun, undefined);
    }
    // The gradient check samples 64 positions: a gradient 1 % off everywhere fails it.
    const scaled = (x: Tensor, w: Tensor, b: Tensor | null, o: object): Tensor => {
      const t = convTranspose(x, w, b, { ...o, path: 'fast' });
      return { shape: t.shape, data: t.data.map((v) => v * 1.01) };
    };
    const [gradient] = verifyLayer(layer, ['gradient'], { ops: { convTranspose: scaled } });
    assert.equal(gradient.passed, false, gradient.summary);
  });
});
