// A spec's verification run reports each check as it starts and finishes, in order, can be cancelled between
// checks, and can be shared by threads (each running the checks it selects) and put back together unchanged.
import { strict as assert } from 'node:assert';
import {
  isVerificationCancelled,
  mergeVerifications,
  verifyText,
  type VerifyProgressEvent,
} from '../../../src/specFile/verifySpec';
import { VerifyProgressCounter } from '../../../src/specFile/verifyProgress';
import { EXAMPLES_DIR, readText } from './helpers';

/** DCGAN's five transposed layers with three quick checks each: 15 checks. */
const chain = readText(EXAMPLES_DIR, 'dcgan-generator.tconv.json').replace(
  /"verify":\s*\[[^\]]*\]/,
  '"verify": ["roundTrip", "cost", "scatter"]',
);

describe('verification progress and cancellation (specFile/verifySpec)', () => {
  it('reports start then finish for every check, in order, with the result the run returns', () => {
    const events: VerifyProgressEvent[] = [];
    const outcome = verifyText(chain, { onProgress: (e) => events.push(e) });
    const verification = outcome.verification;
    assert.ok(verification, outcome.error);
    const results = verification.layers.flatMap((l) => l.results);
    assert.equal(results.length, 15);
    assert.equal(events.length, 30);
    events.forEach((e, n) => {
      assert.notEqual(e.kind, 'layerError');
      if (e.kind === 'layerError') return;
      assert.equal(e.kind, n % 2 === 0 ? 'start' : 'finish');
      assert.equal(e.check.index, Math.floor(n / 2));
      assert.equal(e.check.total, 15);
      assert.equal(e.check.layerCount, 5);
      assert.equal(e.check.layerNumber, Math.floor(n / 6) + 1);
      if (e.kind === 'finish') assert.deepEqual(e.result, results[e.check.index]);
    });
    const finishes = events.filter((e) => e.kind === 'finish');
    assert.deepEqual(finishes.map((e) => `${e.check.layerName}/${e.check.name}`).slice(0, 3), [
      'project/roundTrip',
      'project/cost',
      'project/scatter',
    ]);
  });

  it('the counter says which check runs and how many are done', () => {
    const counter = new VerifyProgressCounter();
    const messages: string[] = [];
    verifyText(chain, {
      onProgress: (e) => {
        counter.add(e);
        messages.push(counter.message());
      },
    });
    assert.equal(counter.done, 15);
    assert.equal(counter.fraction, 1);
    assert.equal(messages[0], 'layer 1/5 project · roundTrip · 0/15 checks');
    assert.equal(messages[messages.length - 2], 'layer 5/5 to RGB · scatter · 14/15 checks');
    assert.equal(messages[messages.length - 1], '15/15 checks');
  });

  it('isCancelled ends the run before the next check, and no check starts after it', () => {
    const events: VerifyProgressEvent[] = [];
    let finished = 0;
    assert.throws(
      () =>
        verifyText(chain, {
          onProgress: (e) => {
            events.push(e);
            if (e.kind === 'finish') finished++;
          },
          isCancelled: () => finished >= 4,
        }),
      (e: unknown) => isVerificationCancelled(e),
    );
    assert.equal(finished, 4);
    assert.equal(events.length, 8);
    assert.equal(events[events.length - 1].kind, 'finish');
  });

  it('complementary selections run every check once, and their merge is the whole run', () => {
    const whole = verifyText(chain).verification;
    // Any split works: here one part takes checks 0, 3, 4, 8… and the other the rest.
    const mine = (i: number) => i % 3 === 0 || i % 4 === 0;
    const asked: number[][] = [[], []];
    const parts = [0, 1].map(
      (p) =>
        verifyText(chain, {
          select: (i) => {
            asked[p].push(i);
            return p === 0 ? mine(i) : !mine(i);
          },
        }).verification,
    );
    for (const a of asked) assert.deepEqual(a, [...Array(15).keys()]);
    assert.ok(whole && parts[0] && parts[1]);
    assert.equal(parts[0].counts.passed + parts[1].counts.passed, 15);
    assert.deepEqual(mergeVerifications([parts[1], parts[0]], ['roundTrip', 'cost', 'scatter']), whole);
  });
});
