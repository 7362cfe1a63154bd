import { strict as assert } from 'node:assert';
import {
  broadcastSteps,
  convTranspose2d,
  fromNested,
  transposedConvMatrix,
  transposedConvMatrixSize,
  transposedDimCalc,
  type Tensor,
} from '../../../src/engine';
import { buildPreviewPayload } from '../../../src/preview/buildPayload';
import { positionAt } from '../../../src/specFile';
import { example, layerOf, payloadOf, spec } from './helpers';

const X = fromNested([
  [
    [
      [0, 1],
      [2, 3],
    ],
  ],
]);
const K = fromNested([
  [
    [
      [0, 1],
      [2, 3],
    ],
  ],
]);

function flat(t: Tensor): number[] {
  return Array.from(t.data);
}

describe("buildPreviewPayload: the numbers are the engine's (d2l §14.10)", () => {
  const payload = payloadOf(example('d2l-stride'));
  const layer = layerOf(payload, 'layer-0');

  it('d2l-stride: input, kernel and output equal convTranspose2d with stride 2', () => {
    const expected = convTranspose2d(X, K, null, { stride: 2 });
    assert.deepEqual(flat(expected), [0, 0, 0, 1, 0, 0, 2, 3, 0, 2, 0, 3, 4, 6, 6, 9]);
    assert.ok(layer.values);
    assert.deepEqual(layer.values.output.data, flat(expected));
    assert.deepEqual(layer.values.output.shape, [1, 1, 4, 4]);
    assert.deepEqual(layer.values.output.planeShape, [4, 4]);
    assert.deepEqual(layer.values.input.data, flat(X));
    assert.deepEqual(layer.values.weight.data, flat(K));
    assert.equal(layer.values.bias, null);
    assert.deepEqual([layer.values.output.min, layer.values.output.max], [0, 9]);
  });

  it('shapes: the formula with numbers, the valid output sizes, the round trip', () => {
    const calc = transposedDimCalc('H', { inSize: 2, kernel: 2, stride: 2, padding: 0, dilation: 1, outputPadding: 0 });
    assert.equal(layer.dims[0].substituted, calc.substituted);
    assert.equal(layer.dims[0].formula, calc.formula);
    assert.deepEqual(layer.dims[0].range, { min: 4, max: 5 });
    assert.equal(layer.dims[0].forwardOfOutput, 2);
    assert.equal(
      layer.signature,
      'ConvTranspose2d(1 → 1, kernel 2×2, stride 2, padding 0, output_padding 0, dilation 1)',
    );
    assert.deepEqual(
      payload.walk.map((s) => s.shape),
      [
        [1, 1, 2, 2],
        [1, 1, 4, 4],
      ],
    );
  });

  it("steps: the broadcast picture is broadcastSteps's", () => {
    const picture = broadcastSteps(X, K, null, { stride: 2 });
    assert.ok(layer.steps);
    assert.deepEqual(layer.steps.canvas, [4, 4]);
    assert.equal(layer.steps.pictures.length, 1);
    assert.deepEqual(layer.steps.pictures[0].canvasSum, picture.canvasSum);
    assert.deepEqual(layer.steps.pictures[0].output, picture.output);
    assert.deepEqual(
      layer.steps.pictures[0].steps.map((s) => [s.row, s.col, s.top, s.left, ...s.patch]),
      picture.steps.map((s) => [s.row, s.col, s.top, s.left, ...s.patch]),
    );
  });

  it("matrix: W in CSR equals transposedConvMatrix, with d2l exercise 2's numbers", () => {
    const W = transposedConvMatrix([1, 1, 2, 2], K, { stride: 2 });
    const m = layer.matrix;
    assert.equal(m.rowsAre, 'input');
    assert.deepEqual([m.rows, m.cols], [4, 16]);
    assert.ok(m.csr);
    assert.deepEqual(m.csr.rowPtr, Array.from(W.rowPtr));
    assert.deepEqual(m.csr.colIdx, Array.from(W.colIdx));
    assert.deepEqual(m.csr.values, Array.from(W.values));
    assert.equal(m.stats.nnz, 16);
    assert.equal(m.stats.density, 0.25);
    assert.equal(m.stats.bytesDense, 4 * 16 * 8);
    assert.equal(m.stats.flopsDense, 2 * 64);
    assert.equal(m.stats.flopsSparse, 32);
  });

  it('overlap: kernel 2, stride 2 covers every output once', () => {
    assert.ok(layer.overlap);
    assert.deepEqual(layer.overlap.countsH, [1, 1, 1, 1]);
    assert.equal(layer.overlap.unevenH || layer.overlap.unevenW, false);
    assert.match(layer.overlap.note, /Even overlap/);
  });

  it("verification: the spec's checks ran and passed", () => {
    assert.equal(payload.verification.status, 'passed');
    assert.equal(payload.verification.counts.passed, 8);
    assert.equal(payload.verification.layers[0].layerId, 'layer-0');
  });

  it('d2l-basic and d2l-padding: outputs [[0,0,1],[0,4,6],[4,12,9]] and [[4]]; padding crops the canvas', () => {
    assert.deepEqual(
      layerOf(payloadOf(example('d2l-basic')), 'layer-0').values?.output.data,
      [0, 0, 1, 0, 4, 6, 4, 12, 9],
    );
    const padded = layerOf(payloadOf(example('d2l-padding')), 'layer-0');
    assert.deepEqual(padded.values?.output.data, [4]);
    assert.deepEqual(padded.steps?.cropStart, [1, 1]);
    assert.deepEqual(padded.steps?.canvas, [3, 3]);
  });

  it("overlap of an input smaller than the kernel (DCGAN's 1×1 latent): what positions get, not an interior", () => {
    const overlap = layerOf(payloadOf(example('dcgan-generator')), 'layer-0').overlap;
    assert.ok(overlap);
    assert.deepEqual(
      [overlap.countsH, overlap.countsW],
      [
        [1, 1, 1, 1],
        [1, 1, 1, 1],
      ],
    );
    assert.match(
      overlap.note,
      /too small for the kernel copies to overlap fully: output positions receive 1 × 1 taps per input channel \(a larger input would give 4 × 4 away/,
    );
  });

  it('kernel 5, stride 3 (d2l-round-trip) overlaps unevenly: the checkerboard note', () => {
    const layer = layerOf(payloadOf(example('d2l-round-trip')), 'layer-0');
    assert.ok(layer.overlap?.unevenH && layer.overlap.unevenW);
    // Output o receives tap k when (o + 2 − k) % 3 = 0: one tap where o % 3 = 0, two elsewhere.
    assert.deepEqual(layer.overlap.interiorH, [1, 2, 2]);
    assert.match(layer.overlap.note, /kernel 5 % stride 3 = 2.*checkerboard/);
  });

  it('kernel 4, stride 2, dilation 2: the note blames the dilation, not kernel % stride (which is 0)', () => {
    const text = spec({
      input: { shape: [1, 1, 8, 8] },
      layer: { kernelSize: 4, stride: 2, dilation: 2 },
    });
    const overlap = layerOf(payloadOf(text), 'layer-0').overlap;
    assert.ok(overlap?.unevenH && overlap.unevenW);
    // Taps at 0, 2, 4, 6: all on even positions, so odd interior positions receive none.
    assert.deepEqual(overlap.interiorH, [4, 0]);
    assert.doesNotMatch(overlap.note, /kernel 4 % stride 2/);
    assert.match(
      overlap.note,
      /H: dilation 2 spreads the 4 taps over 7 positions, 2 apart; 2 and stride 2 share the factor 2, so only one position in 2 can receive a tap and interior positions receive 0 or 4 taps/,
    );
    assert.match(overlap.note, /dilation and the stride have no common factor/);
    assert.doesNotMatch(overlap.note, /A kernel size divisible by the stride overlaps evenly/);
  });

  it('kernel 3, stride 2, dilation 3 (no common factor): uneven because 3 taps over stride 2 leave 1', () => {
    const text = spec({ input: { shape: [1, 1, 6] }, dims: 1, layer: { kernelSize: 3, stride: 2, dilation: 3 } });
    const overlap = layerOf(payloadOf(text), 'layer-0').overlap;
    assert.ok(overlap?.unevenW);
    assert.deepEqual([...overlap.interiorW].sort(), [1, 2]);
    assert.match(
      overlap.note,
      /L: dilation 3 spreads the 3 taps over 7 positions, 3 apart; 3 taps over stride 2 leave 1 over/,
    );
  });

  it('ONNX asymmetric stride: output_padding rows are marked on the canvas', () => {
    const layer = layerOf(payloadOf(example('onnx-asymmetric-stride')), 'layer-0');
    assert.deepEqual(layer.steps?.outputPadding, [1, 1]);
    assert.deepEqual(layer.values?.output.shape, [1, 2, 10, 8]);
    assert.equal(layer.steps?.pictureCount, 2);
  });

  it('a forward convolution (d2l-kernel2matrix) has W with rows = outputs', () => {
    const payload = payloadOf(example('d2l-kernel2matrix'));
    const conv = layerOf(payload, 'layer-0');
    assert.equal(conv.kind, 'conv');
    assert.equal(conv.matrix.rowsAre, 'output');
    assert.deepEqual([conv.matrix.rows, conv.matrix.cols], [4, 9]);
    assert.deepEqual(conv.values?.output.data, [27, 37, 57, 67]);
    assert.equal(conv.steps, null);
    assert.equal(conv.overlap, null);
  });

  it('the paired forward convolution comes first, with id "forward"', () => {
    const payload = payloadOf(example('d2l-exercise1'));
    assert.deepEqual(
      payload.layers.map((l) => l.id),
      ['forward', 'layer-0'],
    );
    assert.deepEqual(layerOf(payload, 'forward').values?.output.data, [27, 37, 57, 67]);
    assert.deepEqual(layerOf(payload, 'layer-0').values?.output.data, [27, 91, 74, 138, 400, 282, 171, 429, 268]);
  });

  it('symbolic mode: Unicode and LaTeX entries when asked and small', () => {
    const off = layerOf(payloadOf(example('symbolic-4x4-3x3')), 'layer-0');
    assert.equal(off.symbolic, null);
    const on = layerOf(payloadOf(example('symbolic-4x4-3x3'), { symbolic: true }), 'layer-0');
    assert.ok(on.symbolic);
    assert.deepEqual([on.symbolic.rows, on.symbolic.cols], [4, 16]);
    assert.equal(on.symbolic.outputs[0].unicode, 'out₁₁ = w₁₁x₁₁');
    assert.equal(on.symbolic.outputs[0].latex, '\\mathrm{out}_{1,1} = w_{1,1} x_{1,1}');
    assert.equal(on.symbolic.cells.filter((c) => c >= 0).length, 36);
  });

  it('every field of the payload survives JSON (what postMessage carries)', () => {
    for (const name of ['d2l-stride', 'd2l-exercise1', 'dcgan-generator', 'onnx-dilation']) {
      const payload = payloadOf(example(name), { symbolic: true });
      assert.deepEqual(JSON.parse(JSON.stringify(payload)), payload, name);
    }
  });

  it('NaN and Infinity are listed, never sent as numbers', () => {
    const text = spec({ input: { data: [[1e308, 1]] }, layer: { kernel: { data: [[1e308, 2]] } } });
    const layer = layerOf(payloadOf(text), 'layer-0');
    const output = layer.values?.output;
    assert.ok(output);
    assert.ok(output.data.every(Number.isFinite));
    // [1e308·1e308, 1e308·2 + 1·1e308, 1·2]
    assert.deepEqual(output.nonFinite, [
      { index: 0, value: 'Infinity' },
      { index: 1, value: 'Infinity' },
    ]);
    assert.deepEqual(output.data, [0, 0, 2]);
    assert.deepEqual(JSON.parse(JSON.stringify(output)), output);
  });
});

describe('buildPreviewPayload: errors', () => {
  it('a spec with errors gives its diagnostics with line and column', () => {
    const text = spec({ input: { shape: [2, 2] }, layer: { kernelSize: 3, outputPadding: 5 } });
    const result = buildPreviewPayload(text);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.ok(result.diagnostics.length > 0);
    const d = result.diagnostics[0];
    assert.equal(d.severity, 'error');
    assert.ok(d.line >= 1 && d.column >= 1);
    assert.deepEqual({ line: d.line, column: d.column }, positionAt(text, d.offset));
    assert.match(result.message, /output_padding|outputPadding/);
  });

  it('text that is not JSON gives a syntax diagnostic', () => {
    const result = buildPreviewPayload('{ "input": ');
    assert.ok(!result.ok);
    assert.equal(result.diagnostics[0].code, 'syntax');
  });
});

describe('buildPreviewPayload: the DCGAN chain stays fast and capped', () => {
  const text = example('dcgan-generator');

  // Speed itself is measured by the preview benchmark, never asserted here: this bounds the work instead.
  it('spends at most its multiply-add budget evaluating the chain', () => {
    const payload = payloadOf(text);
    const evaluated = payload.layers.filter((layer) => layer.values !== null);
    const spent = evaluated.reduce((sum, layer) => sum + layer.multiplyAdds, 0);
    assert.ok(
      spent <= payload.limits.maxMultiplyAdds,
      `${spent} multiply-adds > budget ${payload.limits.maxMultiplyAdds}`,
    );
    const skipped = payload.layers.filter((layer) => layer.values === null);
    assert.ok(
      skipped.every((layer) => layer.valuesNote),
      'every layer left out says why',
    );
  });

  it('sends W as statistics and a capped block map, never dense or whole', () => {
    const payload = payloadOf(text);
    for (const layer of payload.layers) {
      const size = transposedConvMatrixSize(layer.inputShape, layer.weightShape, layer.params);
      assert.equal(layer.matrix.stats.nnz, size.nnz, layer.name);
      assert.equal(layer.matrix.csr, null, layer.name);
      assert.ok(layer.matrix.blocks, layer.name);
      assert.ok(layer.matrix.blocks.magnitudes.length <= payload.limits.maxBlockCells);
      assert.ok(
        layer.matrix.blocks.block && layer.matrix.blocks.block.csr.values.length <= payload.limits.maxMatrixNnz,
      );
    }
    const rgb = layerOf(payload, 'layer-4').matrix;
    assert.deepEqual([rgb.rows, rgb.cols], [65536, 12288]);
    assert.deepEqual([rgb.blocks?.block?.rows, rgb.blocks?.block?.cols], [1024, 4096]);
    // Every layer's values are sent, each tensor capped: bounded whatever the chain's size.
    assert.ok(JSON.stringify(payload).length < 8_000_000);
  });

  // The budget logic, with the small budget the engine's exact path once needed.
  const small = { limits: { maxMultiplyAdds: 4_000_000 } };

  it('computes every layer with the default budget (the fast path makes it cheap)', () => {
    const payload = payloadOf(text);
    assert.ok(payload.layers.every((layer) => layer.values !== null && layer.matrix.blocks?.valuesKnown === true));
  });

  it('computes values within the budget and says why the rest has none', () => {
    const payload = payloadOf(text, small);
    assert.ok(layerOf(payload, 'layer-0').values);
    for (const id of ['layer-1', 'layer-2', 'layer-3', 'layer-4']) {
      const layer = layerOf(payload, id);
      assert.equal(layer.values, null, id);
      assert.match(layer.valuesNote ?? '', /budget/);
      assert.equal(layer.matrix.valuesKnown, false);
    }
    assert.match(payload.notes.join(' '), /first 1 of 5/);
  });

  it('a focus on a layer computes it even past the budget', () => {
    const payload = payloadOf(text, { ...small, focus: { layerId: 'layer-1', batch: 0, inChannel: 0, outChannel: 5 } });
    const layer = layerOf(payload, 'layer-1');
    assert.ok(layer.values);
    assert.equal(layerOf(payload, 'layer-2').values, null);
    assert.equal(layer.values.output.planeCount, 256);
    assert.ok(
      layer.values.output.firstPlane <= 5 && 5 < layer.values.output.firstPlane + layer.values.output.sentPlanes,
    );
  });
});
