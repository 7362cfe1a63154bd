// Found by the fuzzer (CI seed 20240606, before issue 14's matrix-free checks): a clean float32 spec whose input holds
// 1.7976931348623157e308 (float64's largest number; Infinity once read as float32) failed scatter, transpose and
// gradient with "entries not comparable: the values are not finite". The spec has no error and nothing is wrong with
// the engine: the values are beyond the number type. Those checks are now "not run", with that reason, decided from
// the magnitudes alone, and the spec's verification is not a failure.
import { strict as assert } from 'node:assert';
import { hasErrors, validateSpec } from '../../../src/specFile';
import { verifyText } from '../../../src/specFile/verifySpec';
import { verificationStatus } from '../../../src/specFile/verificationStatus';

/** The fuzz case as it was found (trailing commas and all). */
const FOUND =
  '{"dims": 2,"dtype": "float32","input": {"data": [[[[8,2],[0,3],[7.736024053023634,9,],[-5e-324,9.072718901840981e-136],[1.7976931348623157e308,5]],[[9,2.104901420855743e-23],[1.9296486797857278e-269,-4.4e-323],[3,5,],[6,2.3545573945244445e-14],[2.899987079552749e-14,9.999999999999982]],]],},"layer": {"name": "to RGB","inChannels": 2,"kernelSize": [1,1],"outChannels": 1,"stride": [1,3],"outputPadding": [0,0],"groups": 1,"kernel": {"shape": [2,1,1,1,],"init": "arange",},"expect": {"outputShape": [1,1,5,4]}},"expect": {"outputShape": [1,1,5,4],},"verify": "all"}';

describe('regression: values beyond the number type are "not run", never a failed check', () => {
  it('the fuzz case is clean', () => {
    assert.equal(hasErrors(validateSpec(FOUND).diagnostics), false);
  });

  it('scatter, transpose and gradient are not run, each saying the values overflow; nothing fails', () => {
    const outcome = verifyText(FOUND);
    assert.equal(outcome.error, undefined);
    const verification = outcome.verification;
    assert.ok(verification);
    const results = verification.layers[0].results;
    for (const name of ['scatter', 'transpose', 'gradient']) {
      const r = results.find((x) => x.name === name);
      assert.ok(r, name);
      assert.match(r.notRun ?? '', /^values overflow float(32|64) \(max \|x\| = /, `${name}: ${r.summary}`);
      assert.equal(r.passed, false);
    }
    const identities = results.filter((r) =>
      ['scatter', 'matrix', 'transpose', 'adjoint', 'gradient'].includes(r.name),
    );
    assert.deepEqual(
      identities.filter((r) => !r.passed && !r.notRun).map((r) => `${r.name}: ${r.summary}`),
      [],
      'no identity check fails',
    );
    assert.notEqual(verificationStatus(verification), 'failed');
  });
});
