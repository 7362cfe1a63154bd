// Issue 14: shapes are arithmetic and never capped; values are computed within a memory budget (tconv.memoryBudget,
// `--memory-budget`), decided by one rule (memoryBudget.ts) that evaluation, check, show, verify and the preview share.
import { strict as assert } from 'node:assert';
import { MAX_TENSOR_ELEMENTS } from '../../../src/engine';
import { evaluateSpec, validateSpec } from '../../../src/specFile';
import {
  DEFAULT_MEMORY_BUDGET,
  formatBytes,
  GiB,
  MiB,
  parseByteSize,
  stepMemory,
  valuesBudget,
} from '../../../src/specFile/memoryBudget';
import { verifyText } from '../../../src/specFile/verifySpec';
import { STYLEGAN2_1024, UNET_960 } from './scaleSpecs';

describe('memory budget: parseByteSize and formatBytes', () => {
  it('bytes, decimal and binary units, any case, with or without a space', () => {
    assert.equal(parseByteSize('1073741824'), GiB);
    assert.equal(parseByteSize('512MB'), 512e6);
    assert.equal(parseByteSize('2GiB'), 2 * GiB);
    assert.equal(parseByteSize('1.5 gib'), 1.5 * GiB);
    assert.equal(parseByteSize('64 KiB'), 65536);
    assert.equal(parseByteSize('100b'), 100);
    assert.equal(parseByteSize('3G'), 3 * GiB);
    assert.equal(parseByteSize('1TiB'), 1024 * GiB);
  });

  it('anything else is null', () => {
    for (const bad of ['', 'GiB', '-1GiB', '2 GiBs', '1e9', 'lots', '2GiB5', '0x10'])
      assert.equal(parseByteSize(bad), null, bad);
  });

  it('formats in binary units', () => {
    assert.equal(formatBytes(GiB), '1 GiB');
    assert.equal(formatBytes(750 * MiB), '750 MiB');
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatBytes(512), '512 bytes');
  });

  it('the default is 1 GiB', () => assert.equal(DEFAULT_MEMORY_BUDGET, GiB));
});

describe('memory budget: a 1×64×960×640 U-Net segment', () => {
  it('plans at any size: shapes and formulas, no size-cap, no error', () => {
    const { plan, diagnostics } = validateSpec(UNET_960);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(plan?.outputShape, [1, 64, 960, 640]);
    assert.equal(plan?.layers[0].dims[0].substituted, '(480 − 1)·2 − 2·0 + 1·(2 − 1) + 0 + 1 = 960');
    // 39,321,600 output elements: above the old 16,777,216 cap.
    assert.ok(64 * 960 * 640 > 16_777_216);
  });

  it('counts the tensors in float64 plus the fast path’s float32 copies: 750 MiB, within 1 GiB', () => {
    const { plan } = validateSpec(UNET_960);
    assert.ok(plan);
    const step = stepMemory(plan.layers[0], 'float64', 'auto');
    const input = 128 * 480 * 320;
    const weight = 128 * 64 * 2 * 2;
    const output = 64 * 960 * 640;
    assert.equal(step.fastPath, true);
    assert.equal(step.bytes, 8 * (input + weight + output) + 4 * (2 * input + weight + output));
    assert.equal(formatBytes(step.bytes), '750 MiB');
    // The exact path holds no float32 copies; a float32 spec stores 4 bytes an element.
    assert.equal(stepMemory(plan.layers[0], 'float64', 'exact').bytes, 8 * (input + weight + output));
    assert.equal(stepMemory(plan.layers[0], 'float32', 'exact').bytes, 4 * (input + weight + output));
    assert.equal(plan.values.complete, true);
  });

  it('computes the values within the default budget, in the planned shape', function () {
    this.timeout(60_000);
    const { spec, plan } = validateSpec(UNET_960);
    assert.ok(spec && plan);
    const evaluation = evaluateSpec(spec, plan);
    assert.equal(evaluation.values, 'all');
    assert.deepEqual(evaluation.output.shape, [1, 64, 960, 640]);
    assert.equal(evaluation.output.data.length, 39_321_600);
    assert.equal(evaluation.usedFastPath, true);
  });

  it('beyond a 512MB budget: an information diagnostic on the layer, and no values', () => {
    const { spec, plan, diagnostics } = validateSpec(UNET_960, { memoryBudget: 512e6 });
    assert.ok(spec && plan);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, UNET_960.slice(d.offset, d.offset + d.length)]),
      [['memory-budget', 'info', '"up1"']],
    );
    assert.match(
      diagnostics[0].message,
      /^Values of layer 1 \(up1\) are not computed: its tensors need 750 MiB of memory, above the budget of 488 MiB\. Shapes and formulas are exact; to compute the values, raise tconv\.memoryBudget or pass --memory-budget 751MiB\.$/,
    );
    assert.deepEqual(plan.outputShape, [1, 64, 960, 640]);
    const evaluation = evaluateSpec(spec, plan);
    assert.equal(evaluation.values, 'none');
    assert.equal(evaluation.input.data.length, 0, 'nothing allocated');
  });

  it('verify runs the shape checks on shapes and reports the value checks not run, with the bytes and the budget', () => {
    const outcome = verifyText(UNET_960, { memoryBudget: 512e6 });
    assert.equal(outcome.error, undefined);
    const layer = outcome.verification?.layers[0];
    assert.deepEqual(
      layer?.results.map((r) => [r.name, r.passed, r.notRun]),
      [
        ['adjoint', false, 'needs 750 MiB of memory, budget 488 MiB'],
        ['roundTrip', true, undefined],
      ],
    );
    const { plan } = validateSpec(UNET_960);
    assert.ok(plan);
    assert.equal(layer?.results[0].details.bytesNeeded, stepMemory(plan.layers[0], 'float64', 'auto').bytes);
    assert.equal(outcome.verification?.passed, true, 'a value check not run is not a failure');
  });
});

describe('memory budget: StyleGAN2 at 1024 px', () => {
  it('plans 1×32×1024×1024 and computes it within the default budget', function () {
    this.timeout(60_000);
    const { spec, plan, diagnostics } = validateSpec(STYLEGAN2_1024);
    assert.deepEqual(diagnostics, []);
    assert.ok(spec && plan);
    assert.deepEqual(plan.outputShape, [1, 32, 1024, 1024]);
    assert.equal(formatBytes(plan.values.steps[0].bytes), '640 MiB');
    const evaluation = evaluateSpec(spec, plan);
    assert.deepEqual(evaluation.output.shape, [1, 32, 1024, 1024]);
  });
});

describe('memory budget: chains', () => {
  const chain = JSON.stringify({
    input: { shape: [1, 8, 8, 8] },
    layers: [
      { name: 'a', kernelSize: 2, stride: 2 },
      { name: 'b', kernelSize: 2, stride: 2, outChannels: 64 },
      { name: 'c', kernelSize: 1 },
    ],
  });

  it('the prefix within the budget has values; the first step beyond it stops the rest, and the diagnostic says so', () => {
    const { spec, plan, diagnostics } = validateSpec(chain, { memoryBudget: 200_000 });
    assert.ok(spec && plan);
    assert.deepEqual(
      plan.values.steps.map((s) => s.status),
      ['computed', 'over-budget', 'upstream'],
    );
    assert.equal(diagnostics.length, 1);
    assert.equal(chain.slice(diagnostics[0].offset, diagnostics[0].offset + diagnostics[0].length), '"b"');
    assert.match(diagnostics[0].message, /The step after it has no values either\.$/);
    const evaluation = evaluateSpec(spec, plan);
    assert.equal(evaluation.values, 'prefix');
    assert.deepEqual(
      evaluation.layers.map((l) => l.plan.name),
      ['a'],
    );
    const outcome = verifyText(chain, { memoryBudget: 200_000 });
    assert.deepEqual(
      outcome.verification?.layers.map((l) => [l.layerName, l.results.every((r) => r.notRun === undefined)]),
      [
        ['a', true],
        ['b', false],
        ['c', false],
      ],
    );
    assert.match(outcome.verification?.layers[2].results[0].notRun ?? '', /an earlier layer was not computed/);
  });

  it('a tensor beyond what the engine allocates at once is named even within a large budget', () => {
    const text = JSON.stringify({ input: { shape: [1, 1, 20000, 20000] }, layer: { kernelSize: 1 } });
    const { plan } = validateSpec(text, { memoryBudget: 64 * GiB });
    assert.ok(plan);
    assert.ok(20000 * 20000 > MAX_TENSOR_ELEMENTS);
    assert.equal(plan.values.steps[0].status, 'too-large');
    assert.deepEqual(
      validateSpec(text, { memoryBudget: 64 * GiB }).diagnostics.map((d) => d.code),
      ['memory-budget'],
    );
  });

  it('valuesBudget is the same rule on a plan alone', () => {
    const { plan } = validateSpec(chain);
    assert.ok(plan);
    assert.deepEqual(valuesBudget(plan, 'auto', 200_000).layerCount, 1);
    assert.deepEqual(valuesBudget(plan, 'auto', GiB).layerCount, 3);
  });
});

describe('memory budget: shapes beyond float64', () => {
  it('bytes stay finite (JSON-safe) and the message readable', () => {
    const text =
      '{ "input": { "shape": [1.7976931348623157e308, 1, 1] }, "layer": { "kernelSize": 4, "outChannels": 8 } }';
    const { plan, diagnostics } = validateSpec(text);
    assert.ok(plan?.complete);
    assert.ok(Number.isFinite(plan.values.steps[0].bytes));
    const d = diagnostics.find((x) => x.code === 'memory-budget');
    assert.match(d?.message ?? '', /need 1\.\d\de\+\d+ PiB of memory/);
  });
});
