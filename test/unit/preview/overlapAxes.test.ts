/**
 * The overlap of each axis in short (issue 16: a HiFi-GAN layer's overlap was a wall of 2,048 numbers): the borders,
 * then the interior that repeats every stride. The view writes these instead of every count.
 */
import { strict as assert } from 'node:assert';
import type { OverlapPayload } from '../../../src/webviewProtocol';
import { example, layerOf, payloadOf, spec } from './helpers';
import { HIFIGAN } from './hifigan';

function overlapOf(text: string, id = 'layer-0'): OverlapPayload {
  const overlap = layerOf(payloadOf(text), id).overlap;
  assert.ok(overlap);
  return overlap;
}

/** Every position between the borders has its residue's interior count; the last border position does not. */
function assertPeriodic(counts: readonly number[], interior: readonly number[], head: number, tail: number): void {
  const s = interior.length;
  for (let o = head; o < counts.length - tail; o++) assert.equal(counts[o], interior[o % s], `position ${o}`);
  if (head > 0) assert.notEqual(counts[head - 1], interior[(head - 1) % s], 'the head ends at a mismatch');
  if (tail > 0) assert.notEqual(counts[counts.length - tail], interior[(counts.length - tail) % s]);
}

describe('overlap axes in short', () => {
  it('HiFi-GAN ups.1 (kernel 16, stride 8, padding 4): L, 2,048 positions, 4 border positions at each end, period 8', () => {
    const o = overlapOf(HIFIGAN, 'layer-2');
    assert.deepEqual(o.axes, [{ axis: 'L', length: 2048, stride: 8, head: 4, tail: 4, periodic: true }]);
    assert.deepEqual(o.interiorW, [2, 2, 2, 2, 2, 2, 2, 2]);
    assert.deepEqual(o.countsW.slice(0, 6), [1, 1, 1, 1, 2, 2]);
    assertPeriodic(o.countsW, o.interiorW, 4, 4);
  });

  it('an uneven 1-D layer (kernel 3, stride 2): the period alternates and the borders end where it starts', () => {
    const text = spec({
      dims: 1,
      input: { shape: [1, 100], init: 'ones' },
      layers: [{ outChannels: 1, kernelSize: 3, stride: 2, padding: 1 }],
    });
    const o = overlapOf(text);
    const [axis] = o.axes;
    assert.equal(axis.periodic, true);
    assert.deepEqual([...o.interiorW].sort(), [1, 2]);
    assert.ok(axis.head + axis.tail < axis.length);
    assertPeriodic(o.countsW, o.interiorW, axis.head, axis.tail);
  });

  it("2-D: one summary per axis, H then W (d2l-round-trip's kernel 5, stride 3)", () => {
    const o = overlapOf(example('d2l-round-trip'));
    assert.deepEqual(
      o.axes.map((a) => [a.axis, a.length, a.stride]),
      [
        ['H', 16, 3],
        ['W', 16, 3],
      ],
    );
    assertPeriodic(o.countsH, o.interiorH, o.axes[0].head, o.axes[0].tail);
  });

  it("DCGAN's 1×1 latent has no interior: the borders cover the axis", () => {
    const o = overlapOf(example('dcgan-generator'));
    for (const a of o.axes) assert.ok(a.head + a.tail >= a.length, `${a.axis}: ${a.head} + ${a.tail} < ${a.length}`);
  });

  it('a stride above the listed residues is not periodic in the summary (its interior is not per residue)', () => {
    const text = spec({
      dims: 1,
      input: { shape: [1, 2], init: 'ones' },
      layers: [{ outChannels: 1, kernelSize: 2, stride: 5000 }],
    });
    const [axis] = overlapOf(text).axes;
    assert.equal(axis.periodic, false);
  });
});
