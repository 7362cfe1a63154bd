import { strict as assert } from 'node:assert';
import {
  convTranspose,
  EngineError,
  equationToLatex,
  equationToUnicode,
  evaluateExpression,
  generate,
  symbolicTransposedConv,
  symbolToUnicode,
  toLatex,
  toUnicode,
  type ConvOptions,
  type SymbolicMatrix,
} from '../../../src/engine';

const cellsToUnicode = (m: SymbolicMatrix): string[][] =>
  Array.from({ length: m.rows }, (_, r) =>
    m.cells.slice(r * m.cols, (r + 1) * m.cols).map((c) => (c ? symbolToUnicode(c) : '0')),
  );

describe('symbolic transposed convolution', () => {
  // tconv input 2×2, kernel 3×3, stride 1: output 4×4.
  const sym = symbolicTransposedConv([1, 1, 2, 2], [1, 1, 3, 3]);
  const out = (row: number, col: number) => sym.outputs[(row - 1) * 4 + (col - 1)];

  it('reads out₁₁ = w₁₁x₁₁ and out₂₂ = w₂₂x₁₁ + w₂₁x₁₂ + w₁₂x₂₁ + w₁₁x₂₂', () => {
    assert.equal(sym.outputs.length, 16);
    assert.equal(equationToUnicode(out(1, 1)), 'out₁₁ = w₁₁x₁₁');
    assert.equal(equationToUnicode(out(2, 2)), 'out₂₂ = w₂₂x₁₁ + w₂₁x₁₂ + w₁₂x₂₁ + w₁₁x₂₂');
    assert.equal(toUnicode(out(4, 4).terms), 'w₃₃x₂₂');
    assert.equal(toLatex(out(2, 2).terms), 'w_{2,2} x_{1,1} + w_{2,1} x_{1,2} + w_{1,2} x_{2,1} + w_{1,1} x_{2,2}');
    assert.equal(equationToLatex(out(1, 1)), '\\mathrm{out}_{1,1} = w_{1,1} x_{1,1}');
    assert.equal(toUnicode([]), '0');
  });

  it('gives the terms as data: weight and input symbols with 1-based indices and flat offsets', () => {
    const [first] = out(2, 2).terms;
    assert.deepEqual(first.weight, { kind: 'w', index: [2, 2], channelCount: 0, offset: 4 });
    assert.deepEqual(first.input, { kind: 'x', index: [1, 1], channelCount: 0, offset: 0 });
  });

  it('evaluates to convTranspose2d when numbers are substituted', () => {
    const weight = generate([1, 1, 3, 3], { init: 'randn', seed: 1 });
    const input = generate([1, 1, 2, 2], { init: 'randn', seed: 2 });
    const expected = convTranspose(input, weight);
    sym.outputs.forEach((e, j) => assert.ok(Math.abs(evaluateExpression(e, weight, input) - expected.data[j]) < 1e-12));
  });

  it('C = ∂out/∂x is Wᵀ; W has the pattern of d2l’s matrix for a 2×2 kernel', () => {
    const small = symbolicTransposedConv([1, 1, 2, 2], [1, 1, 2, 2]);
    assert.deepEqual(cellsToUnicode(small.W), [
      ['w₁₁', 'w₁₂', '0', 'w₂₁', 'w₂₂', '0', '0', '0', '0'],
      ['0', 'w₁₁', 'w₁₂', '0', 'w₂₁', 'w₂₂', '0', '0', '0'],
      ['0', '0', '0', 'w₁₁', 'w₁₂', '0', 'w₂₁', 'w₂₂', '0'],
      ['0', '0', '0', '0', 'w₁₁', 'w₁₂', '0', 'w₂₁', 'w₂₂'],
    ]);
    const W = cellsToUnicode(small.W);
    assert.deepEqual(
      cellsToUnicode(small.C),
      W[0].map((_, j) => W.map((row) => row[j])),
    );
    assert.deepEqual(small.C.rowSymbols.map(symbolToUnicode), small.W.colSymbols.map(symbolToUnicode));
    assert.deepEqual(small.W.rowSymbols.map(symbolToUnicode), ['x₁₁', 'x₁₂', 'x₂₁', 'x₂₂']);
  });

  it('names channels when there is more than one: w_{c_in, c_out, kernel position}', () => {
    const multi = symbolicTransposedConv([1, 2, 1, 2], [2, 2, 1, 2], { stride: 2 });
    assert.equal(equationToUnicode(multi.outputs[0]), 'out₁,₁₁ = w₁,₁,₁₁x₁,₁₁ + w₂,₁,₁₁x₂,₁₁');
    assert.equal(toLatex(multi.outputs[0].terms), 'w_{1,1,1,1} x_{1,1,1} + w_{2,1,1,1} x_{2,1,1}');
    assert.equal(multi.outputs[0].output.channelCount, 1);
  });

  it('separates a symbol’s indices with commas once one of them reaches 10', () => {
    const wide = symbolicTransposedConv([1, 1, 1, 10], [1, 1, 1, 2]);
    assert.equal(equationToUnicode(wide.outputs[10]), 'out₁,₁₁ = w₁₂x₁,₁₀');
    assert.equal(equationToUnicode(wide.outputs[1]), 'out₁₂ = w₁₂x₁₁ + w₁₁x₁₂');
  });

  const CASES: { name: string; input: number[]; weight: number[]; options: ConvOptions }[] = [
    {
      name: 'stride, padding, output_padding, groups',
      input: [1, 4, 2, 3],
      weight: [4, 1, 2, 2],
      options: { stride: 2, padding: [1, 0], outputPadding: 1, groups: 2 },
    },
    {
      name: 'dilation > stride with output_padding ≥ stride',
      input: [1, 1, 3, 2],
      weight: [1, 2, 2, 2],
      options: { dilation: 2, outputPadding: 1 },
    },
    { name: '1-D', input: [1, 2, 4], weight: [2, 3, 3], options: { stride: 2, padding: 1 } },
  ];
  for (const c of CASES) {
    it(`substituting numbers gives convTranspose: ${c.name}`, () => {
      const s = symbolicTransposedConv(c.input, c.weight, c.options);
      const weight = generate(c.weight, { init: 'randn', seed: 3 });
      const input = generate(c.input, { init: 'randn', seed: 4 });
      const expected = convTranspose(input, weight, null, c.options);
      assert.equal(s.outputs.length, expected.data.length);
      s.outputs.forEach((e, j) =>
        assert.ok(Math.abs(evaluateExpression(e, weight, input) - expected.data[j]) < 1e-12, equationToUnicode(e)),
      );
    });
  }

  it('1-D symbols have one spatial index', () => {
    const s = symbolicTransposedConv([1, 1, 2], [1, 1, 2]);
    assert.deepEqual(s.outputs.map(equationToUnicode), ['out₁ = w₁x₁', 'out₂ = w₂x₁ + w₁x₂', 'out₃ = w₂x₂']);
  });

  it('refuses layers whose W has more than 4096 entries', () => {
    assert.throws(
      () => symbolicTransposedConv([1, 1, 8, 8], [1, 1, 3, 3]),
      (e) => e instanceof EngineError && e.code === 'size-cap',
    );
    assert.equal(symbolicTransposedConv([1, 1, 8, 8], [1, 1, 3, 3], {}, 6400).outputs.length, 100);
  });
});
