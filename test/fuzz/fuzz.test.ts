/**
 * Issue #6, "Bad input never hurts": the CI fuzz run. A fixed seed, at least 10,000 cases (random specs, valid
 * and wild, and mutations of every example), then the heavy inputs (nesting thousands deep, a 10 MB array)
 * and the size-cap cases one by one. Each case must satisfy check.ts's property. Times and memory are printed
 * in the closing line, never asserted (speed targets are benchmarks). `npm run fuzz` is the long run.
 *
 * Run: mocha --config test/fuzz/.mocharc.json   (TCONV_FUZZ_SEED / TCONV_FUZZ_CASES override the defaults)
 */
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { validateSpec, type SpecEvaluation } from '../../src/specFile';
import { caseArbitrary } from './cases';
import { NOTHING_ALLOCATED_BYTES, runCase, type FuzzCase } from './check';
import { applyHeavy, loadExamples, type HeavyMutation } from './mutations';
import { SIZE_CAP_CASES } from './sizeCapCases';
import { FuzzStats } from './stats';

const SEED = Number(process.env.TCONV_FUZZ_SEED ?? 20_240_606);
const CASES = Number(process.env.TCONV_FUZZ_CASES ?? 10_000);

const examples = loadExamples();
const stats = new FuzzStats();
const started = performance.now();

function check(c: FuzzCase): void {
  const result = runCase(c);
  stats.add(c, result);
  assert.deepEqual(
    result.failures,
    [],
    `[${c.family}] ${result.failures.join('\n')}\n--- input (${c.text.length} chars) ---\n${c.text.slice(0, 2000)}`,
  );
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

describe(`fuzz: bad input never hurts (seed ${SEED})`, function () {
  this.timeout(600_000);

  after(() => {
    console.log(stats.details().join('\n'));
    console.log(stats.summaryLine(SEED, performance.now() - started));
  });

  it(`${CASES} random specs and mutations of the ${examples.length} examples`, () => {
    fc.assert(
      fc.property(caseArbitrary(examples), (c) => check(c)),
      { seed: SEED, numRuns: CASES },
    );
  });

  it('nesting thousands deep, balanced, unclosed and with mismatched closers, in every example', () => {
    const kinds: HeavyMutation['kind'][] = ['deep-balanced', 'deep-unclosed', 'deep-alternating'];
    examples.forEach((ex, example) => {
      for (const [i, kind] of kinds.entries()) {
        const h: HeavyMutation = {
          example,
          kind,
          depth: [5_000, 20_000, 50_000][(example + i) % 3],
          a: example * 7 + i,
        };
        gc();
        check({
          family: `heavy:${kind}`,
          text: applyHeavy(examples, h),
          stale: ex.text,
          hovers: [0.1, 0.5, 0.9],
          perturb: 0,
        });
      }
    });
  });

  it('a 10 MB array of numbers pasted into data', () => {
    // One here (about 3 s: the property validates the text eight times, once without the fast scan of number
    // arrays); in `npm run fuzz` about one case in a thousand is heavy, a quarter of those a 10 MB paste. The
    // heap is collected first, as an idle worker's would be, not left full of the 10,000 cases before.
    const example = examples.findIndex((e) => e.name === 'd2l-basic.tconv.json');
    const text = applyHeavy(examples, { example, kind: 'big-array', depth: 0, a: 0 });
    assert.ok(text.length > 10_000_000);
    gc();
    check({ family: 'heavy:big-array', text, stale: examples[example].text, hovers: [0.01, 0.5, 0.99], perturb: 0 });
  });

  describe('values beyond the memory budget (or sizes beyond float64): the diagnostic on the offending token, and nothing allocated', () => {
    const never = (): SpecEvaluation => {
      throw new Error('a spec beyond the budget must not be evaluated');
    };
    for (const s of SIZE_CAP_CASES) {
      it(s.name, () => {
        gc();
        const before = process.memoryUsage().arrayBuffers;
        const { diagnostics } = validateSpec(s.text, { memoryBudget: s.memoryBudget, evaluate: never });
        const grown = process.memoryUsage().arrayBuffers - before;
        const found = diagnostics.filter((d) => d.code === s.code);
        const marks = found.map((d) => s.text.slice(d.offset, d.offset + d.length));
        const d = found.find((x) => s.text.slice(x.offset, x.offset + x.length) === s.marks);
        assert.ok(
          d,
          `no ${s.code} on ${s.marks}; ${s.code} on: ${marks.join(' | ') || 'nothing'}; all: ${diagnostics.map((x) => `${x.code}: ${x.message}`).join(' | ')}`,
        );
        assert.ok(d.message.includes(s.names), d.message);
        assert.equal(d.severity, s.code === 'memory-budget' ? 'info' : 'error');
        assert.ok(grown < NOTHING_ALLOCATED_BYTES, `validating allocated ${grown} bytes of array buffers`);
        // And the whole property: analysis, verification, hovers, fixes, all without allocating.
        check({ family: 'size-cap', text: s.text, memoryBudget: s.memoryBudget, hovers: [0.2, 0.5, 0.8], perturb: 0 });
      });
    }
  });
});
