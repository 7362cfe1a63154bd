/** The Shapes view's formulas as KaTeX source (issue 16: typeset, two lines, not 5–6 lines of wrapped text). */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderToString } from 'katex';
import { convDimCalc, transposedDimCalc } from '../../../src/engine';
import { formulaTex } from '../../../src/preview/formulaTex';
import { EXAMPLES_DIR, payloadOf } from './helpers';

const typesets = (source: string) =>
  renderToString(source, { displayMode: true, throwOnError: true, strict: 'error', trust: false });

describe('formulaTex: the output-size formula and its numbers, typeset', () => {
  it('a transposed layer: the letters s, p, d, k, op, the numbers on a second line, the result in bold', () => {
    const calc = transposedDimCalc('H', { inSize: 2, kernel: 4, stride: 2, padding: 1, dilation: 1, outputPadding: 0 });
    const tex = formulaTex(calc.formula, calc.substituted);
    assert.equal(
      tex.source,
      '\\begin{aligned}H_{\\text{out}} &= ( H_{\\text{in}} - 1 ) \\cdot s - 2 p + d \\cdot ( k - 1 ) + \\mathit{op} + 1 \\\\ ' +
        '&= ( 2 - 1 ) \\cdot 2 - 2 \\cdot 1 + 1 \\cdot ( 4 - 1 ) + 0 + 1 = \\mathbf{4}\\end{aligned}',
    );
    assert.deepEqual(
      tex.abbreviations.map((a) => `${a.symbol} = ${a.field}`),
      ['s = stride', 'p = padding', 'd = dilation', 'k = kernel', 'op = output_padding'],
    );
    assert.equal(tex.remark, null);
    typesets(tex.source);
  });

  it('a 1-D convolution: L, the floor brackets, no output_padding in the legend', () => {
    const calc = convDimCalc('L', { inSize: 32, kernel: 7, stride: 1, padding: 3, dilation: 1 });
    const tex = formulaTex(calc.formula, calc.substituted);
    assert.match(tex.source, /^\\begin\{aligned\}L_\{\\text\{out\}\} &= \\lfloor \( L_\{\\text\{in\}\} \+ 2 p/);
    assert.match(tex.source, /\\rfloor \+ 1 = \\mathbf\{32\}\\end\{aligned\}$/);
    assert.doesNotMatch(tex.source, /[HW]_/);
    assert.deepEqual(
      tex.abbreviations.map((a) => a.symbol),
      ['s', 'p', 'd', 'k'],
    );
    typesets(tex.source);
  });

  it("Keras' formula, where k already means the dilated kernel: kernel keeps its name, the definition stays as words", () => {
    const tex = formulaTex(
      "W_out = (W_in − 1)·stride + k − 2·⌊k/2⌋ + output_padding   (k = dilation·(kernel − 1) + 1, keras' deconv_output_length)",
      '(3 − 1)·2 + 5 − 2·2 + 1 = 6',
    );
    assert.equal(tex.remark, "(k = dilation·(kernel − 1) + 1, keras' deconv_output_length)");
    assert.deepEqual(
      tex.abbreviations.map((a) => a.field),
      ['stride', 'output_padding'],
    );
    assert.match(tex.source, /\+ k - 2 \\cdot \\lfloor k \/ 2 \\rfloor/);
    typesets(tex.source);
  });

  it('names without a letter are set as text, their underscores escaped; a negative number keeps its brackets', () => {
    const tex = formulaTex(
      'L_out = (L_in − 1)·stride + dilation·(kernel − 1) + 1 − begin − end − trim_begin − trim_end',
      '(8 − 1)·8 + 1·(16 − 1) + 1 − (−2) − 0 − 0 − 8 = 66',
    );
    assert.match(tex.source, /\\text\{begin\} - \\text\{end\} - \\text\{trim\\_begin\} - \\text\{trim\\_end\}/);
    assert.match(tex.source, /- \( - 2 \)/);
    typesets(tex.source);
  });

  it('special characters that reach \\text are escaped, so KaTeX never reads them as commands', () => {
    const tex = formulaTex('L_out = a_b$c + 1', '1 + 1 = 2');
    assert.match(tex.source, /\\text\{a\\_b\}/);
    assert.match(tex.source, /\\text\{\\\$\}/);
    typesets(tex.source);
  });

  it('every layer and dimension of every example typesets, with its result in bold', () => {
    const names = readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.tconv.json'));
    assert.ok(names.length >= 10);
    let dims = 0;
    for (const name of names) {
      const payload = payloadOf(readFileSync(join(EXAMPLES_DIR, name), 'utf8'));
      for (const layer of payload.layers) {
        for (const d of layer.dims) {
          assert.ok(d.tex.source.endsWith(`= \\mathbf{${d.out}}\\end{aligned}`), `${name} ${layer.name} ${d.axis}`);
          assert.doesNotThrow(() => typesets(d.tex.source), `${name} ${layer.name} ${d.axis}: ${d.tex.source}`);
          dims++;
        }
      }
    }
    assert.ok(dims > 30, `${dims} dimensions typeset`);
  });
});
