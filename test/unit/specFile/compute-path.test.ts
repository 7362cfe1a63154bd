import { strict as assert } from 'node:assert';
import { convTranspose, FAST_PATH_MIN_MACS, generate, toNested, torchInitBound } from '../../../src/engine';
import { evaluateSpec, validateSpec } from '../../../src/specFile';

// A layer of exactly 2^20 multiply-adds: 256 input channels × 4×4 positions × 16 output channels × 4×4 taps.
const big = { input: { shape: [256, 4, 4] }, layer: { outChannels: 16, kernelSize: 4 } };
const spec = (extra: object) => JSON.stringify({ ...big, ...extra });

function evaluate(text: string) {
  const r = validateSpec(text);
  assert.ok(r.spec && r.plan, JSON.stringify(r.diagnostics));
  return evaluateSpec(r.spec, r.plan);
}

/** The layer computed by the engine's exact path, as the spec's seeds generate it. */
function exactOutput() {
  const input = generate([1, 256, 4, 4], { init: 'random', seed: 0 });
  // A kernel without "init" gets PyTorch's default scale: uniform in ±1/√(16·4·4).
  const bound = torchInitBound([256, 16, 4, 4]);
  const weight = generate([256, 16, 4, 4], { init: 'random', seed: 1, low: -bound, high: bound });
  return convTranspose(input, weight, null, { path: 'exact' });
}

describe('"compute": which engine path evaluates a spec', () => {
  it('the test layer sits exactly at the threshold', () => {
    assert.equal(256 * 16 * 16 * 16, FAST_PATH_MIN_MACS);
  });

  it('auto (the default) takes the fast path from the threshold up, exact below', () => {
    assert.equal(evaluate(spec({})).usedFastPath, true);
    assert.equal(
      evaluate(
        JSON.stringify({
          input: {
            data: [
              [0, 1],
              [2, 3],
            ],
          },
          layer: {
            kernel: {
              data: [
                [0, 1],
                [2, 3],
              ],
            },
          },
        }),
      ).usedFastPath,
      false,
    );
  });

  it('"exact" forces the float64 scatter: the values are the exact path\'s, bit for bit', () => {
    const evaluation = evaluate(spec({ compute: 'exact' }));
    assert.equal(evaluation.usedFastPath, false);
    assert.deepEqual(Array.from(evaluation.output.data), Array.from(exactOutput().data));
  });

  it('"fast" forces the fast path even on d2l\'s tiny example, within 1e-4', () => {
    const evaluation = evaluate(
      JSON.stringify({
        compute: 'fast',
        input: {
          data: [
            [0, 1],
            [2, 3],
          ],
        },
        layer: {
          kernel: {
            data: [
              [0, 1],
              [2, 3],
            ],
          },
        },
      }),
    );
    assert.equal(evaluation.usedFastPath, true);
    const expected = [0, 0, 1, 0, 4, 6, 4, 12, 9];
    Array.from(evaluation.output.data).forEach((v, i) =>
      assert.ok(Math.abs(v - expected[i]) <= 1e-4 * 12, `${i}: ${v}`),
    );
  });

  it('with the fast path in use, an exact expect.output passes at the default tolerance; a wrong one still fails', () => {
    const exact = toNested(exactOutput()) as number[][][][];
    const ok = validateSpec(spec({ expect: { output: exact[0] } }));
    assert.deepEqual(
      ok.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const wrong = structuredClone(exact[0]);
    wrong[3][2][1] += 0.5;
    const bad = validateSpec(spec({ expect: { output: wrong } }));
    assert.ok(
      bad.diagnostics.some((d) => d.code === 'expected-values'),
      JSON.stringify(bad.diagnostics.map((d) => d.code)),
    );
  });

  it('an unknown value is a schema diagnostic on the value', () => {
    const text = spec({ compute: 'fastest' });
    const d = validateSpec(text).diagnostics.find((x) => x.code === 'schema');
    assert.ok(d);
    assert.equal(text.slice(d.offset, d.offset + d.length), '"fastest"');
  });
});
