import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import {
  compareValues,
  conv,
  convTranspose,
  EngineError,
  fromNested,
  generate,
  VERIFICATION_NAMES,
  verificationTitle,
  verifyAdjoint,
  verifyCost,
  verifyGradient,
  verifyLayer,
  verifyMatrix,
  verifyReconstruction,
  verifyRoundTrip,
  verifyScatter,
  verifyTranspose,
  type Tensor,
  type TransposedConvLayer,
  type VerificationResult,
  type VerifyOps,
} from '../../../src/engine';

const random = (shape: number[], seed: number): Tensor => generate(shape, { init: 'random', low: -1, high: 1, seed });

// d2l §14.10: X = [[0, 1], [2, 3]] through K = [[1, 2], [3, 4]]; the tconv output is 3×3 like exercise 1's X.
const D2L: TransposedConvLayer = {
  input: fromNested([
    [
      [
        [0, 1],
        [2, 3],
      ],
    ],
  ]),
  weight: fromNested([
    [
      [
        [1, 2],
        [3, 4],
      ],
    ],
  ]),
  bias: null,
  options: {},
};

const LAYERS: Record<string, TransposedConvLayer> = {
  'stride 2, padding 1, output_padding 1, bias': {
    input: random([2, 3, 3, 4], 1),
    weight: random([3, 2, 3, 3], 2),
    bias: random([2], 3),
    options: { stride: 2, padding: 1, outputPadding: 1 },
  },
  'groups, dilation per axis': {
    input: random([1, 4, 3, 3], 4),
    weight: random([4, 3, 2, 3], 5),
    bias: random([6], 6),
    options: { groups: 2, stride: [2, 1], dilation: [1, 2], padding: [0, 1] },
  },
  '1-D': {
    input: random([2, 4, 7], 7),
    weight: random([4, 3, 3], 8),
    bias: random([6], 9),
    options: { stride: 3, padding: 1, dilation: 2, outputPadding: 1, groups: 2 },
  },
};

// output_padding 2 ≥ stride 1 along H, allowed because dilation 3 > stride.
const WIDE_OUTPUT_PADDING: TransposedConvLayer = {
  input: random([1, 2, 3, 4], 10),
  weight: random([2, 3, 2, 2], 11),
  bias: random([3], 12),
  options: { stride: [1, 2], dilation: 3, outputPadding: 2, padding: [1, 0] },
};

const DCGAN: TransposedConvLayer = {
  input: random([1, 128, 16, 16], 13),
  weight: random([128, 64, 4, 4], 14),
  bias: null,
  options: { stride: 2, padding: 1 },
};

/** An engine operation that is wrong by 1e-6 in one entry: enough for every check to notice. */
function nudged<F extends (...args: never[]) => Tensor>(op: F, index = 0): F {
  return ((...args: Parameters<F>) => {
    const t = op(...args);
    const data = Float64Array.from(t.data);
    data[Math.min(index, data.length - 1)] += 1e-6 * (1 + Math.abs(data[index] ?? 0));
    return { shape: t.shape, data };
  }) as F;
}

const wrongConvTranspose: Partial<VerifyOps> = { convTranspose: nudged(convTranspose) };
const wrongConv: Partial<VerifyOps> = { conv: nudged(conv) };

function assertPassed(r: VerificationResult): void {
  assert.ok(r.passed, `${r.name}: ${r.summary}`);
  assert.equal(r.notRun, undefined);
  assert.equal(r.title, verificationTitle(r.name));
  assert.ok(!r.summary.includes('\n'));
}

describe('verifications', () => {
  it('all pass on the d2l example, in the order asked for', () => {
    const results = verifyLayer(D2L);
    assert.deepEqual(
      results.map((r) => r.name),
      [...VERIFICATION_NAMES],
    );
    results.forEach(assertPassed);
    assert.deepEqual(
      verifyLayer(D2L, ['cost', 'scatter']).map((r) => r.name),
      ['cost', 'scatter'],
    );
  });

  for (const [name, layer] of Object.entries(LAYERS)) {
    it(`all pass: ${name}`, () => verifyLayer(layer).forEach(assertPassed));
  }

  it('a float32 layer is checked in float64', () => {
    const layer: TransposedConvLayer = {
      input: generate([1, 2, 3, 3], { init: 'random', seed: 1 }, 'float32'),
      weight: generate([2, 2, 2, 2], { init: 'random', seed: 2 }, 'float32'),
      bias: null,
      options: { stride: 2 },
    };
    verifyLayer(layer).forEach(assertPassed);
  });

  it('an invalid layer throws the PyTorch error instead of reporting', () => {
    const bad = { ...D2L, options: { outputPadding: 1 } };
    assert.throws(
      () => verifyLayer(bad),
      (e) => e instanceof EngineError && e.code === 'output-padding-range',
    );
  });

  it('titles and summaries come from the translation bundle configured after import', () => {
    l10n.config({
      contents: {
        "d2l's scatter picture = engine output": 'streuen',
        'max |Δ| = {0} {1} {2} over {3} entries': '{3} Einträge: max |Δ| = {0} {1} {2}',
        '{0} in 1 plane from {1} broadcast steps': '{0}; 1 Ebene, {1} Schritte',
      },
    });
    try {
      const [r] = verifyLayer(D2L, ['scatter']);
      assert.equal(r.title, 'streuen');
      assert.equal(verificationTitle('scatter'), 'streuen');
      assert.match(r.summary, /^9 Einträge: max \|Δ\| = 0 ≤ \S+; 1 Ebene, 4 Schritte$/);
      assert.equal(verificationTitle('matrix'), 'W·vec(X) = conv(X)', 'formulas are not translated');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.equal(verificationTitle('scatter'), "d2l's scatter picture = engine output");
  });

  it('W is never built for the matrix check: it runs whatever the CSR cap (maxNnz)', () => {
    const [r] = verifyLayer(D2L, ['matrix'], { maxNnz: 10 });
    assertPassed(r);
    assert.equal(r.details.matrixFree, true);
    assert.equal(r.details.nnz, 16);
  });
});

describe('verifications: what each one shows', () => {
  it('scatter: sums the broadcast steps plane by plane; a wrong engine output fails it', () => {
    const r = verifyScatter(LAYERS['stride 2, padding 1, output_padding 1, bias']);
    assert.equal(r.details.planes, 4);
    assert.equal(r.details.biasIncluded, true);
    assert.equal(verifyScatter(LAYERS['1-D']).details.liftedTo2d, true);
    assert.equal(verifyScatter(D2L, { ops: wrongConvTranspose }).passed, false);
    assert.equal(verifyScatter(D2L, { ops: { convTranspose: nudged(convTranspose, 8) } }).passed, false);
  });

  it('matrix: W·vec(X) vs conv(X); with output_padding ≥ stride the extra conv rows are left out', () => {
    const r = verifyMatrix(WIDE_OUTPUT_PADDING);
    assertPassed(r);
    assert.equal(r.details.rows, 24);
    assert.deepEqual(r.details.convOutputShape, [1, 2, 5, 5]);
    assert.equal(r.details.rowsLeftOut, 50 - 24);
    assert.equal(verifyMatrix(D2L, { ops: wrongConv }).passed, false);
    assert.equal(verifyMatrix(LAYERS['1-D'], { ops: { conv: nudged(conv, 5) } }).passed, false);
  });

  it('transpose: Wᵀ·vec(Y) vs convTranspose(Y), bias excluded', () => {
    const r = verifyTranspose(WIDE_OUTPUT_PADDING);
    assertPassed(r);
    assert.equal(r.details.biasIncluded, false);
    assert.match(r.summary, /bias excluded/);
    assert.equal(verifyTranspose(D2L, { ops: wrongConvTranspose }).passed, false);
  });

  it('matrix and transpose: one wrong value of conv / convTranspose fails them (W is generated, never stored)', () => {
    const off = (t: Tensor): Tensor => {
      const data = Float64Array.from(t.data);
      data[3] += 1e-6;
      return { shape: t.shape, data };
    };
    const wrong: Partial<VerifyOps> = {
      conv: (x, w, b, o) => off(conv(x, w, b, { ...o, path: 'exact' })),
      convTranspose: (x, w, b, o) => off(convTranspose(x, w, b, { ...o, path: 'exact' })),
    };
    const layer = LAYERS['groups, dilation per axis'];
    assert.equal(verifyMatrix(layer, { ops: wrong }).passed, false);
    assert.equal(verifyTranspose(layer, { ops: wrong }).passed, false);
  });

  it('roundTrip: a shape that stride swallows does not come back, and says which output_padding would restore it', () => {
    // k3 s2 p1: 5 → 3 → 5, but 6 → 3 → 5.
    const layer: TransposedConvLayer = {
      input: random([1, 1, 3, 3], 1),
      weight: random([1, 1, 3, 3], 2),
      bias: null,
      options: { stride: 2, padding: 1 },
    };
    const ok = verifyRoundTrip(layer, { forwardInputShape: [1, 1, 5, 5] });
    assertPassed(ok);
    assert.deepEqual(ok.details.restoringOutputPadding, [0, 0]);
    const odd = verifyRoundTrip(layer, { forwardInputShape: [1, 1, 6, 5] });
    assert.equal(odd.passed, false);
    assert.deepEqual(odd.details.convOutputShape, [1, 1, 3, 3]);
    assert.deepEqual(odd.details.tconvOutputShape, [1, 1, 5, 5]);
    assert.deepEqual(odd.details.restoringOutputPadding, [1, 0]);
    assert.equal(odd.details.restoringOutputPaddingAllowed, true);
    assert.match(odd.summary, /1×1×6×5 → conv → 1×1×3×3 → convTranspose → 1×1×5×5 ≠ 1×1×6×5/);
    const wrongChannels = verifyRoundTrip(layer, { forwardInputShape: [1, 2, 5, 5] });
    assert.equal(wrongChannels.passed, false);
    assert.match(String(wrongChannels.details.error), /to have 1 channels, but got 2 channels/);
  });

  it('roundTrip: output_padding ≥ stride cannot round-trip its own output shape', () => {
    const r = verifyRoundTrip(WIDE_OUTPUT_PADDING);
    assert.equal(r.passed, false);
    assert.deepEqual(r.details.tconvOutputShape, [1, 3, 8, 14]);
    assert.deepEqual(r.details.restoringOutputPadding, [0, 0]);
  });

  it('adjoint: states its relative tolerance; a wrong conv or convTranspose fails it', () => {
    const r = verifyAdjoint(LAYERS['groups, dilation per axis']);
    assertPassed(r);
    assert.equal(r.details.rtol, 1e-9);
    assert.ok((r.details.absDiff as number) <= (r.details.tolerance as number));
    assertPassed(verifyAdjoint(WIDE_OUTPUT_PADDING));
    assert.equal(verifyAdjoint(D2L, { ops: wrongConv }).passed, false);
    assert.equal(verifyAdjoint(D2L, { ops: wrongConvTranspose }).passed, false);
  });

  it('gradient: Jacobian columns for small layers, finite differences when asked or large', () => {
    const layer = LAYERS['groups, dilation per axis'];
    const jac = verifyGradient(layer);
    assertPassed(jac);
    assert.equal(jac.details.method, 'jacobian-columns');
    const fd = verifyGradient(layer, { gradientMethod: 'finite-differences' });
    assertPassed(fd);
    assert.equal(fd.details.method, 'finite-differences');
    assert.equal((fd.details.positions as number[]).length, 64);
    assertPassed(verifyGradient(WIDE_OUTPUT_PADDING));
    assertPassed(verifyGradient(WIDE_OUTPUT_PADDING, { gradientMethod: 'finite-differences' }));
    assertPassed(verifyGradient(LAYERS['1-D'], { gradientMethod: 'finite-differences' }));
  });

  it('gradient: fails when convTranspose or conv is wrong, by either method', () => {
    const layer = LAYERS['stride 2, padding 1, output_padding 1, bias'];
    assert.equal(verifyGradient(layer, { ops: wrongConvTranspose }).passed, false);
    assert.equal(verifyGradient(layer, { ops: wrongConv }).passed, false);
    // Finite differences sample positions, so make every entry wrong.
    const everywhere: Partial<VerifyOps> = {
      convTranspose: (...args) => {
        const t = convTranspose(...args);
        return { shape: t.shape, data: t.data.map((v) => v * (1 + 1e-6) + 1e-6) };
      },
    };
    assert.equal(verifyGradient(layer, { ops: everywhere, gradientMethod: 'finite-differences' }).passed, false);
    assert.equal(
      verifyGradient(layer, { ops: { conv: (...args) => conv(...args) }, gradientMethod: 'finite-differences' }).passed,
      true,
    );
  });

  it('gradient: the Jacobian columns go through conv in batches, and every column of a batch counts', () => {
    const layer = LAYERS['stride 2, padding 1, output_padding 1, bias'];
    const batches: number[] = [];
    const counting: Partial<VerifyOps> = { conv: (...args) => (batches.push(args[0].shape[0]), conv(...args)) };
    assertPassed(verifyGradient(layer, { ops: counting }));
    // 2 samples × 2 channels × 6×8 outputs = 192 columns, in far fewer calls than one each.
    assert.equal(
      batches.reduce((a, b) => a + b, 0),
      192,
    );
    assert.ok(batches.length < 40 && Math.max(...batches) > 1, `conv batches: ${batches.join(' ')}`);
    // A conv wrong only for one sample deep inside a batch: that column alone must fail the check.
    const wrongInsideBatch: Partial<VerifyOps> = {
      conv: (...args) => {
        const t = conv(...args);
        if (args[0].shape[0] < 8) return t;
        const data = Float64Array.from(t.data);
        data[(t.data.length / args[0].shape[0]) * 7] += 1e-6;
        return { shape: t.shape, data };
      },
    };
    assert.equal(verifyGradient(layer, { ops: wrongInsideBatch }).passed, false);
    // Windows of 160,000 cells (dilation 200): one basis vector per call, as many cells as before batching.
    const dilated: TransposedConvLayer = {
      input: random([1, 1, 2, 2], 20),
      weight: random([1, 1, 3, 3], 21),
      bias: null,
      options: { dilation: 200, padding: 190 },
    };
    batches.length = 0;
    assertPassed(verifyGradient(dilated, { ops: counting }));
    assert.ok(batches.length > 0 && batches.every((b) => b === 1), `conv batches: ${batches.join(' ')}`);
  });

  it("reconstruction: d2l exercise 1's Z, same shape as X, different values", () => {
    const r = verifyReconstruction(D2L);
    assertPassed(r);
    assert.deepEqual(r.details.z, [27, 91, 74, 138, 400, 282, 171, 429, 268]);
    assert.equal(r.details.shapeEqual, true);
    assert.equal(r.details.valuesEqual, false);
    assert.equal(r.details.maxAbsDiff, 429 - 7);
  });

  it('reconstruction: fails when Z does not come back in X’s shape', () => {
    const r = verifyReconstruction(WIDE_OUTPUT_PADDING);
    assert.equal(r.passed, false);
    assert.deepEqual(r.details.zShape, [1, 3, 8, 14]);
    assert.equal(r.details.shapeEqual, false);
    const shrunk: Partial<VerifyOps> = { conv: (x, w, b, o) => conv(x, w, b, { ...o, padding: 1 }) };
    assert.equal(verifyReconstruction(D2L, { ops: shrunk }).passed, false);
  });

  it("cost: d2l's 4×9 W", () => {
    const r = verifyCost(D2L);
    assertPassed(r);
    assert.equal(r.details.nnz, 16);
    assert.equal(r.details.inBoundsTaps, 16);
    assert.equal(r.details.denseFlopsPerSample, 72);
    assert.equal(r.details.sparseFlopsPerSample, 32);
    assert.equal(r.details.directFlops, 32);
    assert.equal(r.details.bytesKernel, 32);
  });

  it('cost: fails when the matrix size disagrees with the taps counted from the output side', () => {
    const wrongSize: Partial<VerifyOps> = {
      transposedConvMatrixSize: () => ({ rows: 4, cols: 9, nnz: 17, rowShape: [1, 2, 2], colShape: [1, 3, 3] }),
    };
    const r = verifyCost(D2L, { ops: wrongSize });
    assert.equal(r.passed, false);
    assert.match(r.summary, /MISMATCH/);
  });

  it('compareValues never passes NaN or arrays of different lengths', () => {
    assert.equal(compareValues([1, NaN], [1, 2], 1e-9).passed, false);
    assert.equal(compareValues([1], [1, 2], 1e-9).passed, false);
    assert.equal(compareValues([1 + 1e-10, 2], [1, 2], 1e-9).passed, true);
  });
});

describe('verifications on a DCGAN layer (1×128×16×16 → 64, k4 s2 p1)', () => {
  const mustNotBuild: Partial<VerifyOps> = {
    transposedConvMatrix: () => {
      throw new Error('W must not be built for this layer');
    },
    broadcastSteps: () => {
      throw new Error('the scatter picture must not be drawn for this layer');
    },
  };

  it('cost: the numbers, from counts alone', () => {
    const r = verifyCost(DCGAN);
    assertPassed(r);
    const nnz = 128 * 64 * 62 * 62;
    assert.deepEqual(
      { ...r.details },
      {
        batch: 1,
        rows: 32768,
        cols: 65536,
        nnz,
        inBoundsTaps: nnz,
        allTaps: 128 * 256 * 64 * 16,
        density: nnz / 2 ** 31,
        sparseFlopsPerSample: 2 * nnz,
        denseFlopsPerSample: 2 ** 32,
        directFlopsPerSample: 2 * nnz,
        sparseFlops: 2 * nnz,
        denseFlops: 2 ** 32,
        directFlops: 62_980_096,
        directFlopsAllTaps: 67_108_864,
        bytesDense: 16 * 2 ** 30,
        bytesDenseFloat32: 8 * 2 ** 30,
        bytesCsr: nnz * 12 + 32769 * 4,
        bytesKernel: 2 ** 20,
      },
    );
    assert.match(r.summary, /dense 16 GiB/);
  });

  it('matrix, transpose and scatter run matrix-free on the fast path, within the float32 bound', () => {
    const results = verifyLayer(DCGAN, ['matrix', 'transpose', 'scatter'], { ops: mustNotBuild });
    for (const r of results) {
      assertPassed(r);
      assert.ok(Number(r.details.float32Gamma) > 0, r.name);
    }
    assert.equal(results[0].details.nnz, 31_490_048);
  });

  it('adjoint and gradient (Jacobian columns at 256 seeded inputs) still run', () => {
    const [adjoint, gradient] = verifyLayer(DCGAN, ['adjoint', 'gradient'], { ops: mustNotBuild });
    assertPassed(adjoint);
    assertPassed(gradient);
    assert.equal(gradient.details.method, 'jacobian-columns-sampled');
    assert.equal(gradient.details.inputs, 65536);
    assert.equal(gradient.details.compared, 256);
    assert.match(gradient.summary, /a seeded sample of 256 of 65,536 inputs/);
  });
});

describe('verification result shape', () => {
  it('is plain data (serialisable for the CLI and the webview)', () => {
    for (const r of verifyLayer(LAYERS['1-D'])) {
      const copy = JSON.parse(JSON.stringify(r)) as VerificationResult;
      assert.deepEqual(copy, r);
    }
  });
});
