// The engine bench's targets table states issue 14's "fast path on the DCGAN layer ≥ 1.3× onnxruntime-web on one
// thread" from the two medians of the same run.
import { strict as assert } from 'node:assert';
import { ratioTargetRows } from '../../../bench/report';

const timing = (engine: string, medianMs: number) => ({ caseName: 'dcgan', engine, medianMs });

describe('bench report: the ratio target of issue 14', () => {
  it('met from 1.3× up, not met below, from the medians of ours-fast and ort-web on dcgan', () => {
    const [met] = ratioTargetRows({ timings: [timing('ours-fast', 4), timing('ort-web', 5.2)] });
    assert.equal(met.speedup, 1.3);
    assert.equal(met.met, true);
    const [missed] = ratioTargetRows({ timings: [timing('ours-fast', 4), timing('ort-web', 5)] });
    assert.equal(missed.speedup, 1.25);
    assert.equal(missed.met, false);
  });

  it('absent when either engine did not run on the case', () => {
    assert.deepEqual(ratioTargetRows({ timings: [timing('ours-fast', 4)] }), []);
    const otherCase = [timing('ours-fast', 4), { ...timing('ort-web', 9), caseName: 'big' }];
    assert.deepEqual(ratioTargetRows({ timings: otherCase }), []);
  });
});
