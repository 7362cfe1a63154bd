// Issue 14: check, show and verify agree on what is within the memory budget (one rule, memoryBudget.ts): on the same
// over-budget spec, check reports it as information (exit 0), show prints the shapes and says the values were not
// computed, verify runs the shape checks (roundTrip, cost) on shapes and marks the value checks "not run: needs X of
// memory, budget Y". Runs the built CLI (dist/cli.js).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryBudgetArgument } from '../../../src/cli/memoryBudgetOption';
import { UNET_960 } from '../specFile/scaleSpecs';

const CLI = join(__dirname, '../../../dist/cli.js');

function tconv(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tconv --memory-budget: check, show and verify agree', function () {
  this.timeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'tconv-budget-'));
  const file = join(dir, 'unet-960.tconv.json');
  writeFileSync(file, UNET_960);
  const NEEDS = 'needs 750 MiB of memory, budget 488 MiB';

  it('the option parser takes bytes and units, and refuses the rest', () => {
    assert.equal(memoryBudgetArgument('512MB'), 512e6);
    assert.equal(memoryBudgetArgument('2GiB'), 2 ** 31);
    assert.equal(memoryBudgetArgument('1073741824'), 2 ** 30);
    assert.throws(() => memoryBudgetArgument('lots'), /expected a size from 1 MiB to 64 GiB/);
    assert.throws(() => memoryBudgetArgument('1KiB'), /expected a size/);
    const bad = tconv(['check', '--memory-budget', 'lots', file]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--memory-budget <size>.*expected a size/s);
  });

  it('over the budget: the same verdict from all three', () => {
    const check = tconv(['check', '--memory-budget', '512MB', file]);
    assert.equal(check.status, 0, check.stderr);
    assert.match(
      check.stdout,
      /info memory-budget: Values of layer 1 \(up1\) are not computed: its tensors need 750 MiB/,
    );

    const show = tconv(['show', '--memory-budget', '512MB', file]);
    assert.equal(show.status, 0, show.stdout + show.stderr);
    assert.match(show.stdout, /1×128×480×320 → 1×64×960×640/);
    assert.match(show.stdout, new RegExp(`up1 +values not computed: ${NEEDS}`));
    assert.match(show.stdout, new RegExp(`not run: ${NEEDS}`));

    const verify = tconv(['verify', '--memory-budget', '512MB', file]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    const notRun = verify.stdout.split('\n').filter((l) => l.includes(`not run: ${NEEDS}`));
    assert.equal(notRun.length, 1, verify.stdout); // adjoint; roundTrip needs the shapes only
    assert.match(verify.stdout, /✔ conv → convTranspose restores the shape/);
    assert.match(verify.stdout, /1 spec verified: 1 passed, 0 failed/);

    const json = JSON.parse(tconv(['show', '--json', '--memory-budget', '512MB', file]).stdout) as {
      values: { input: unknown; layers: unknown[]; notComputed: { name: string; reason: string }[] };
      verification: { counts: { notRun: number } };
    }[];
    assert.equal(json[0].values.input, null);
    assert.deepEqual(json[0].values.layers, []);
    assert.deepEqual(json[0].values.notComputed, [{ name: 'up1', reason: NEEDS, bytes: 786825216 }]);
    assert.deepEqual(json[0].verification.counts, { passed: 1, failed: 0, notRun: 1 });
  });

  it('within the budget (the default 1 GiB): no diagnostic, values shown, checks run', () => {
    const check = tconv(['check', file]);
    assert.equal(check.status, 0);
    assert.doesNotMatch(check.stdout, /memory-budget/);
    const verify = tconv(['verify', file]);
    assert.equal(verify.status, 0, verify.stdout + verify.stderr);
    assert.match(verify.stdout, /1 spec verified: 1 passed, 0 failed/);
  });
});
