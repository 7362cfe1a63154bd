import { strict as assert } from 'node:assert';
import * as l10n from '@vscode/l10n';
import { DEFAULT_PREVIEW_LIMITS, resolveLimits } from '../../../src/preview/limits';
import { example, layerOf, payloadOf, spec } from './helpers';
import { UNET_960 } from '../specFile/scaleSpecs';

describe('preview caps', () => {
  it('limits: defaults, overrides, and nonsense ignored', () => {
    assert.deepEqual(resolveLimits(), DEFAULT_PREVIEW_LIMITS);
    assert.equal(resolveLimits({ maxTensorElements: 10 }).maxTensorElements, 10);
    assert.equal(resolveLimits({ maxTensorElements: -1 }).maxTensorElements, DEFAULT_PREVIEW_LIMITS.maxTensorElements);
    assert.equal(resolveLimits({ maxTensorElements: 1.5 }).maxTensorElements, DEFAULT_PREVIEW_LIMITS.maxTensorElements);
  });

  it('tensors: only the first planes above the cap, and a note that says so', () => {
    // d2l-round-trip's input is 1×10×16×16: ten planes of 256.
    const layer = layerOf(payloadOf(example('d2l-round-trip'), { limits: { maxTensorElements: 1000 } }), 'forward');
    const input = layer.values?.input;
    assert.ok(input);
    assert.equal(input.planeCount, 10);
    assert.equal(input.sentPlanes, 3);
    assert.equal(input.firstPlane, 0);
    assert.equal(input.data.length, 3 * 256);
    assert.match(input.note ?? '', /planes 1–3 of 10/);
  });

  it('tensors: a focus moves the window onto the selected plane', () => {
    const payload = payloadOf(example('d2l-round-trip'), {
      limits: { maxTensorElements: 1000 },
      focus: { layerId: 'forward', batch: 0, inChannel: 8, outChannel: 0 },
    });
    const input = layerOf(payload, 'forward').values?.input;
    assert.ok(input);
    assert.equal(input.firstPlane, 7);
    assert.equal(input.sentPlanes, 3);
    const untouched = layerOf(payload, 'layer-0').values?.input;
    assert.equal(untouched?.firstPlane, 0);
  });

  it('tensors: a plane far above the cap is not sent at all', () => {
    const layer = layerOf(
      payloadOf(spec({ input: { shape: [64, 64] }, layer: { kernelSize: 1 } }), { limits: { maxTensorElements: 100 } }),
      'layer-0',
    );
    assert.equal(layer.values?.output.sentPlanes, 0);
    assert.deepEqual(layer.values?.output.data, []);
    assert.match(layer.values?.output.note ?? '', /above the preview's cap/);
  });

  it('steps: pictures within the value cap; none when one picture is too big', () => {
    const some = layerOf(
      payloadOf(example('onnx-asymmetric-stride'), { limits: { maxStepValues: 400 } }),
      'layer-0',
    ).steps;
    assert.ok(some);
    assert.equal(some.pictureCount, 2);
    assert.equal(some.pictures.length, 1);
    assert.match(some.note ?? '', /pictures 1–1 of 2/);
    const none = layerOf(payloadOf(example('onnx-asymmetric-stride'), { limits: { maxStepValues: 10 } }), 'layer-0');
    assert.equal(none.steps, null);
    assert.match(none.stepsNote ?? '', /above the preview's cap/);
  });

  it('steps: more input elements than the engine pictures gives a note', () => {
    const layer = layerOf(payloadOf(example('unet-decoder-odd')), 'layer-0');
    assert.equal(layer.steps, null);
    assert.match(layer.stepsNote ?? '', /5,184 input elements/);
  });

  it('W: above the nnz cap a block map plus the exact first block, never CSR', () => {
    const m = layerOf(payloadOf(example('d2l-round-trip'), { limits: { maxMatrixNnz: 1000 } }), 'layer-0').matrix;
    assert.equal(m.csr, null);
    assert.ok(m.blocks);
    assert.deepEqual([m.blocks.blockRows, m.blocks.blockCols], [20, 10]);
    assert.deepEqual([m.blocks.blockHeight, m.blocks.blockWidth], [36, 256]);
    assert.ok(m.blocks.block);
    assert.deepEqual([m.blocks.block.rows, m.blocks.block.cols], [36, 256]);
    assert.ok(m.blocks.magnitudes.every((x) => x > 0));
    assert.match(m.note ?? '', /above the preview's cap of 1,000/);
  });

  it('W: the block map merges channels above its cell cap', () => {
    const m = layerOf(
      payloadOf(example('dcgan-generator'), { limits: { maxBlockCells: 100, maxMultiplyAdds: 4_000_000 } }),
      'layer-1',
    ).matrix;
    assert.ok(m.blocks);
    assert.ok(m.blocks.blockRows * m.blocks.blockCols <= 100);
    assert.equal(m.blocks.blockRows * m.blocks.channelsPerRow >= 512, true);
    assert.equal(m.blocks.valuesKnown, false);
  });

  it('W: grouped layers leave blocks outside their groups empty', () => {
    const text = spec({ input: { shape: [4, 3, 3] }, layer: { outChannels: 4, kernelSize: 2, groups: 2 } });
    const m = layerOf(payloadOf(text, { limits: { maxMatrixNnz: 10 } }), 'layer-0').matrix;
    assert.ok(m.blocks);
    const zeroBlocks = m.blocks.magnitudes.map((x, i) => (x === 0 ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(zeroBlocks, [2, 3, 6, 7, 8, 9, 12, 13]);
  });

  it('budget: past it, no values and no verification in the preview, with the reason', () => {
    // d2l-stride without its expect.output (validation would compute the values for free otherwise).
    const text = spec({
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
        stride: 2,
      },
    });
    const payload = payloadOf(text, { limits: { maxMultiplyAdds: 10 } });
    const layer = layerOf(payload, 'layer-0');
    assert.equal(layer.values, null);
    assert.equal(layer.steps, null);
    assert.match(layer.valuesNote ?? '', /budget of 10/);
    assert.equal(payload.verification.status, 'notRun');
    assert.match(payload.verification.note ?? '', /Verify command/);
    // Shapes, W's structure and code do not need values.
    assert.equal(layer.matrix.stats.nnz, 16);
    assert.equal(layer.matrix.valuesKnown, false);
    assert.ok(layer.matrix.csr?.values.every((v) => v === 1));
    assert.equal(layer.code.length, 4);
  });

  it('budget: verification past it is left to the Verify command', () => {
    const payload = payloadOf(example('d2l-round-trip'), { limits: { maxVerificationMultiplyAdds: 400_000 } });
    assert.ok(layerOf(payload, 'layer-0').values);
    assert.equal(payload.verification.layers.length, 0);
    assert.match(payload.verification.note ?? '', /1 layer not verified/);
  });

  it('notes are translated when the payload is built, by the bundle configured then', () => {
    l10n.config({
      contents: {
        '1 layer not verified in the preview (budget); the Verify command checks every layer.':
          'eine Ebene nicht geprüft',
        'Symbolic mode is off.': 'Symbolik aus',
      },
    });
    try {
      const payload = payloadOf(example('d2l-round-trip'), { limits: { maxVerificationMultiplyAdds: 400_000 } });
      assert.equal(payload.verification.note, 'eine Ebene nicht geprüft');
      assert.equal(layerOf(payload, 'layer-0').symbolicNote, 'Symbolik aus');
    } finally {
      l10n.config({ contents: {} });
    }
    assert.match(
      payloadOf(example('d2l-round-trip'), { limits: { maxVerificationMultiplyAdds: 400_000 } }).verification.note ??
        '',
      /^1 layer not verified/,
    );
  });

  it('budget: values validation computed anyway (for expect.output) are shown', () => {
    assert.ok(layerOf(payloadOf(example('d2l-stride'), { limits: { maxMultiplyAdds: 10 } }), 'layer-0').values);
  });

  it('symbolic: off above maxSymbolicEntries with the reason', () => {
    const layer = layerOf(
      payloadOf(example('symbolic-4x4-3x3'), { symbolic: true, limits: { maxSymbolicEntries: 10 } }),
      'layer-0',
    );
    assert.equal(layer.symbolic, null);
    assert.match(layer.symbolicNote ?? '', /stops at 10 entries/);
  });
});

describe('preview steps with a huge canvas', () => {
  it('says why there is no step-by-step picture instead of building one (dilation 10⁴)', () => {
    const text = JSON.stringify({
      input: {
        data: [
          [1, 2],
          [3, 4],
        ],
      },
      layer: {
        kernel: {
          data: [
            [1, 2],
            [3, 4],
          ],
        },
        dilation: 10_000,
        padding: 5_000,
      },
    });
    const payload = payloadOf(text);
    const layer = payload.layers[0];
    assert.equal(layer.steps, null);
    assert.match(layer.stepsNote ?? '', /canvas is above/);
  });

  describe('memory budget (issue 14): a 1×64×960×640 U-Net layer', () => {
    it('shapes at once; no values unless the layer is asked for (multiply-adds), and the reason', () => {
      const started = performance.now();
      const payload = payloadOf(UNET_960);
      assert.ok(performance.now() - started < 1000, 'no values computed');
      assert.deepEqual(payload.walk[payload.walk.length - 1].shape, [1, 64, 960, 640]);
      const layer = layerOf(payload, 'layer-0');
      assert.equal(layer.values, null);
      assert.match(layer.valuesNote ?? '', /multiply-adds/);
    });

    it('beyond the memory budget: no values even when focused, with the bytes and the budget (the same rule as check/show/verify)', () => {
      const payload = payloadOf(UNET_960, {
        memoryBudget: 512e6,
        focus: { layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 0 },
      });
      const layer = layerOf(payload, 'layer-0');
      assert.equal(layer.values, null);
      assert.equal(layer.valuesNote, 'Values not computed: needs 750 MiB of memory, budget 488 MiB.');
      assert.ok(payload.warnings.some((w) => w.code === 'memory-budget'));
    });

    it('within the budget and focused: the values are computed; only the focused planes are sent, 960×640 pooled to 480×320', function () {
      this.timeout(60_000);
      const payload = payloadOf(UNET_960, { focus: { layerId: 'layer-0', batch: 0, inChannel: 0, outChannel: 5 } });
      const values = layerOf(payload, 'layer-0').values;
      assert.ok(values);
      const output = values.output;
      assert.deepEqual(output.shape, [1, 64, 960, 640]);
      assert.deepEqual([output.firstPlane, output.sentPlanes], [5, 1]);
      assert.deepEqual(output.pooled, { factor: 2, rows: 480, cols: 320 });
      assert.equal(output.data.length, 480 * 320);
      assert.match(output.note ?? '', /plane 6 of 64 sent, 960×640 pooled to 480×320/);
      // The input's 480×320 planes are sent whole, the focused one only.
      assert.deepEqual([values.input.firstPlane, values.input.sentPlanes, values.input.pooled], [0, 1, undefined]);
      assert.equal(values.input.data.length, 480 * 320);
    });
  });
});
