// Found by the host-blocking benchmark (bench/editor/hostBlock.ts), on a fuzz case (huge hyperparameters that
// cancel out): stride 10⁹ with dilation 10⁹ and padding 5·10⁸ on a 1×1 input gives a 1×1 output, so the spec
// validates and fits every cap; but the preview's overlap view listed the interior tap count of every residue
// modulo the stride, `new Array(stride).fill(0)`: a billion entries, and the analysis worker died of a V8 heap
// crash, which takes the whole extension host down with it. Large strides now list only the counts that occur.
import { strict as assert } from 'node:assert';
import { buildPreviewPayload } from '../../../src/preview/buildPayload';
import { MAX_LISTED_RESIDUES } from '../../../src/preview/overlapPayload';
import type { LayerPayload } from '../../../src/webviewProtocol';

/** Stride s, dilation s + extra, padding s/2 − shift, kernel 2, on a 1×1 input: a (2·shift + extra + 1)-wide output. */
const spec = (stride: number, extra: number, shift: number) =>
  `{ "input": { "shape": [1, 1], "init": "arange" }, "layer": { "kernelSize": 2, "dilation": ${stride + extra}, "padding": ${stride / 2 - shift}, "stride": ${stride} } }`;

function overlapOf(text: string) {
  const result = buildPreviewPayload(text, { memoryBudget: 8192 });
  assert.ok(result.ok, result.ok ? '' : result.message);
  const layer = result.payload.layers.find((l): l is LayerPayload => 'overlap' in l && l.overlap !== null);
  assert.ok(layer?.overlap);
  return layer.overlap;
}

describe('regression: the overlap view of a layer with a huge stride', () => {
  it('stride and dilation 10⁹, padding 5·10⁸ (the fuzz case): the preview builds, with a few counts', () => {
    const o = overlapOf(spec(1_000_000_000, 0, 0));
    assert.ok(o.interiorH.length <= 3 && o.interiorW.length <= 3, JSON.stringify(o.interiorH));
    assert.deepEqual(o.interiorH, [0, 2], 'residue 0 gets no tap, both taps land on one residue');
    assert.equal(o.unevenH && o.unevenW, true);
  });

  for (const [extra, shift] of [
    [0, 0],
    [0, 1],
    [1, 0],
    [1, 1],
  ]) {
    it(`the same counts and note as with a stride under the limit (dilation stride + ${extra}, padding stride/2 − ${shift})`, () => {
      const listed = overlapOf(spec(2000, extra, shift));
      const huge = overlapOf(spec(1_000_000_000, extra, shift));
      assert.ok(2000 <= MAX_LISTED_RESIDUES);
      assert.equal(listed.interiorH.length, 2000, 'one entry per residue under the limit');
      assert.deepEqual([...new Set(huge.interiorH)].sort(), [...new Set(listed.interiorH)].sort());
      assert.equal(huge.interiorH[0], listed.interiorH[0]);
      assert.deepEqual(
        [huge.unevenH, huge.unevenW, huge.min, huge.max],
        [listed.unevenH, listed.unevenW, listed.min, listed.max],
      );
      assert.deepEqual([huge.countsH, huge.countsW], [listed.countsH, listed.countsW]);
      assert.equal(huge.note.replace(/\d{4,}/g, 'N'), listed.note.replace(/\d{4,}/g, 'N'));
    });
  }
});
