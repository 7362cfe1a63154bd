import { strict as assert } from 'node:assert';
import {
  conv,
  convMatrix,
  convMatrixSize,
  convTranspose,
  EngineError,
  fromNested,
  generate,
  kernel2matrix,
  matrixStats,
  matTVec,
  matVec,
  toDense,
  toNested,
  transposeCsr,
  transposedConvMatrix,
  transposedConvMatrixSize,
  type ConvOptions,
  type Tensor,
} from '../../../src/engine';

const random = (shape: number[], seed: number): Tensor => generate(shape, { init: 'random', low: -1, high: 1, seed });

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function isSizeCap(e: unknown): boolean {
  return e instanceof EngineError && e.code === 'size-cap';
}

/** Every sample of x through the per-sample matrix product. */
function perSample(x: Tensor, f: (v: Float64Array) => Float64Array): number[] {
  const n = x.shape[0];
  const size = x.data.length / n;
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(...f(Float64Array.from(x.data.subarray(i * size, (i + 1) * size))));
  return out;
}

const FORWARD_CASES: {
  name: string;
  input: number[];
  weight: number[];
  options: Omit<ConvOptions, 'outputPadding'>;
}[] = [
  { name: '2-D plain', input: [1, 1, 5, 4], weight: [1, 1, 3, 2], options: {} },
  {
    name: '2-D stride, padding, dilation per axis',
    input: [2, 2, 7, 6],
    weight: [3, 2, 3, 2],
    options: { stride: [2, 1], padding: [1, 2], dilation: [2, 3] },
  },
  { name: '2-D groups', input: [1, 4, 5, 5], weight: [6, 2, 2, 3], options: { groups: 2, stride: 2, padding: 1 } },
  { name: '1-D', input: [2, 3, 9], weight: [2, 3, 3], options: { stride: 2, padding: 2, dilation: 2 } },
  { name: '1-D groups', input: [1, 6, 8], weight: [3, 2, 2], options: { groups: 3, padding: 1 } },
];

describe('convolution matrix W (CSR)', () => {
  it("is d2l's 4×9 matrix for a 3×3 input and K = [[1, 2], [3, 4]]", () => {
    const W = convMatrix(
      [1, 1, 3, 3],
      fromNested([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]),
    );
    assert.deepEqual(
      toNested(toDense(W)),
      kernel2matrix(
        [
          [1, 2],
          [3, 4],
        ],
        3,
        3,
      ),
    );
    assert.deepEqual(W.rowShape, [1, 2, 2]);
    assert.deepEqual(W.colShape, [1, 3, 3]);
    assert.deepEqual(matrixStats(W), {
      rows: 4,
      cols: 9,
      nnz: 16,
      density: 16 / 36,
      bytesDense: 288,
      bytesCsr: 16 * 12 + 5 * 4,
    });
  });

  for (const c of FORWARD_CASES) {
    it(`W·vec(X) = vec(conv(X)): ${c.name}`, () => {
      const w = random(c.weight, 1);
      const x = random(c.input, 2);
      const W = convMatrix(c.input, w, c.options);
      assert.ok(
        maxAbsDiff(
          perSample(x, (v) => matVec(W, v)),
          conv(x, w, null, c.options).data,
        ) < 1e-12,
      );
      assert.equal(W.rowPtr[W.rows], convMatrixSize(c.input, c.weight, c.options).nnz);
    });
  }

  it('keeps column indices ascending within each row and counts structural zeros', () => {
    const w = fromNested([
      [
        [
          [0, 1],
          [0, 0],
        ],
      ],
    ]);
    const W = convMatrix([1, 1, 4, 4], w, { padding: 1 });
    assert.equal(W.rowPtr[W.rows], convMatrixSize([1, 1, 4, 4], [1, 1, 2, 2], { padding: 1 }).nnz);
    assert.equal(W.rowPtr[W.rows], 64);
    for (let r = 0; r < W.rows; r++) {
      for (let e = W.rowPtr[r] + 1; e < W.rowPtr[r + 1]; e++) assert.ok(W.colIdx[e - 1] < W.colIdx[e]);
    }
  });

  it('matTVec = matVec of transposeCsr, and transposing twice gives W back', () => {
    const W = convMatrix([1, 2, 6, 5], random([3, 2, 3, 3], 3), { stride: 2, padding: 1 });
    const y = random([W.rows], 4).data;
    const T = transposeCsr(W);
    assert.equal(T.rows, W.cols);
    assert.ok(maxAbsDiff(matTVec(W, y), matVec(T, y)) < 1e-14);
    const back = transposeCsr(T);
    assert.deepEqual([...back.rowPtr], [...W.rowPtr]);
    assert.deepEqual([...back.colIdx], [...W.colIdx]);
    assert.deepEqual([...back.values], [...W.values]);
    assert.deepEqual(toNested(toDense(T)), toNested(transposeDense(toDense(W))));
  });

  it('checks vector lengths', () => {
    const W = convMatrix(
      [1, 1, 3, 3],
      fromNested([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]),
    );
    assert.throws(
      () => matVec(W, new Float64Array(4)),
      (e) => e instanceof EngineError && e.code === 'bad-shape',
    );
    assert.throws(
      () => matTVec(W, new Float64Array(9)),
      (e) => e instanceof EngineError && e.code === 'bad-shape',
    );
  });

  it('toDense refuses above its cell cap', () => {
    const W = convMatrix(
      [1, 1, 3, 3],
      fromNested([
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ]),
    );
    assert.throws(() => toDense(W, 35), isSizeCap);
    assert.equal(toDense(W, 36).data.length, 36);
  });

  it('rejects what PyTorch rejects and non 1-D/2-D inputs', () => {
    assert.throws(
      () => convMatrix([1, 2, 3, 3], generate([1, 1, 2, 2], { init: 'ones' })),
      (e) => e instanceof EngineError && e.code === 'channel-mismatch',
    );
    assert.throws(
      () => convMatrixSize([1, 1, 3, 3, 3], [1, 1, 2, 2, 2]),
      (e) => e instanceof EngineError && e.code === 'bad-shape',
    );
  });
});

function transposeDense(t: Tensor): Tensor {
  const [r, c] = t.shape;
  const data = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) data[j * r + i] = t.data[i * c + j];
  return { shape: [c, r], data };
}

describe('transposed convolution matrix', () => {
  const CASES: { name: string; input: number[]; weight: number[]; options: ConvOptions }[] = [
    { name: 'd2l basic', input: [1, 1, 2, 2], weight: [1, 1, 2, 2], options: {} },
    {
      name: 'stride 2, padding 1, output_padding 1',
      input: [2, 3, 3, 4],
      weight: [3, 2, 3, 3],
      options: { stride: 2, padding: 1, outputPadding: 1 },
    },
    {
      name: 'groups',
      input: [1, 4, 3, 3],
      weight: [4, 3, 2, 2],
      options: { groups: 2, stride: [1, 2], dilation: [2, 1] },
    },
    { name: '1-D', input: [2, 2, 5], weight: [2, 3, 4], options: { stride: 3, padding: 2, outputPadding: 2 } },
  ];
  for (const c of CASES) {
    it(`Wᵀ·vec(Y) = vec(convTranspose(Y)): ${c.name}`, () => {
      const w = random(c.weight, 5);
      const y = random(c.input, 6);
      const W = transposedConvMatrix(c.input, w, c.options);
      assert.ok(
        maxAbsDiff(
          perSample(y, (v) => matTVec(W, v)),
          convTranspose(y, w, null, c.options).data,
        ) < 1e-12,
      );
      assert.equal(W.rowPtr[W.rows], transposedConvMatrixSize(c.input, c.weight, c.options).nnz);
    });
  }

  it('output_padding ≥ stride (dilation > stride): keeps only the rows of Y, and Wᵀ is still exact', () => {
    // H: stride 1, dilation 3, output_padding 2; W: stride 2, dilation 3, output_padding 2.
    const options: ConvOptions = { stride: [1, 2], dilation: 3, outputPadding: 2, padding: [1, 0] };
    const inputShape = [2, 2, 3, 4];
    const w = random([2, 3, 2, 2], 7);
    const y = random(inputShape, 8);
    const out = convTranspose(y, w, null, options);
    assert.deepEqual(out.shape, [2, 3, 6, 12]);
    // The paired forward convolution of the output size has more rows than Y has elements: 5×5 vs 3×4.
    const full = convMatrix([1, 3, 6, 12], w, { stride: [1, 2], dilation: 3, padding: [1, 0] });
    assert.deepEqual(full.rowShape, [2, 5, 5]);
    const W = transposedConvMatrix(inputShape, w, options);
    assert.deepEqual(W.rowShape, [2, 3, 4]);
    assert.equal(W.rows, 24);
    assert.ok(
      maxAbsDiff(
        perSample(y, (v) => matTVec(W, v)),
        out.data,
      ) < 1e-12,
    );
    // The kept rows are exactly the rows of the full W at Y's positions.
    const dense = toDense(W).data;
    const fullDense = toDense(full).data;
    for (let c = 0; c < 2; c++) {
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 4; j++) {
          const row = (c * 3 + i) * 4 + j;
          const fullRow = (c * 5 + i) * 5 + j;
          assert.deepEqual(
            [...dense.subarray(row * W.cols, (row + 1) * W.cols)],
            [...fullDense.subarray(fullRow * W.cols, (fullRow + 1) * W.cols)],
          );
        }
      }
    }
  });
});

describe('matrix size caps (DCGAN layer 1×128×16×16 → 64, k4 s2 p1)', () => {
  const inputShape = [1, 128, 16, 16];
  const weightShape = [128, 64, 4, 4];
  const options: ConvOptions = { stride: 2, padding: 1 };

  it('sizes W from counts alone', () => {
    const size = transposedConvMatrixSize(inputShape, weightShape, options);
    assert.deepEqual(size, {
      rows: 32768,
      cols: 65536,
      nnz: 128 * 64 * 62 * 62,
      rowShape: [128, 16, 16],
      colShape: [64, 32, 32],
    });
    const stats = matrixStats(size);
    assert.equal(stats.bytesDense, 16 * 2 ** 30);
    assert.equal(stats.nnz, 31_490_048);
  });

  it('refuses to build the CSR matrix above the nnz cap, before allocating', () => {
    const weight = generate(weightShape, { init: 'ones' });
    assert.throws(
      () => transposedConvMatrix(inputShape, weight, options),
      (e) => isSizeCap(e) && (e as EngineError).details.nnz === 31_490_048,
    );
    assert.throws(
      () => convMatrix([1, 1, 8, 8], generate([1, 1, 3, 3], { init: 'ones' }), {}, { maxNnz: 323 }),
      isSizeCap,
    );
    assert.equal(
      convMatrix([1, 1, 8, 8], generate([1, 1, 3, 3], { init: 'ones' }), {}, { maxNnz: 324 }).rowPtr[36],
      324,
    );
  });
});
