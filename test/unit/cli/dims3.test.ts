/** `tconv check/show/verify` on 3-D specs (dist/cli.js, as a user runs it). */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convTranspose3d, tensor, toNested } from '../../../src/engine';

const CLI = join(__dirname, '../../../dist/cli.js');
const ROOT = join(__dirname, '../../..');

function tconv(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const inputData = Array.from({ length: 2 * 2 * 3 }, (_, i) => i + 1);
const kernelData = [1, -1, 2, 0, 0, 3, -2, 1];

function specFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tconv-3d-'));
  const file = join(dir, 'small.tconv.json');
  writeFileSync(
    file,
    JSON.stringify({
      name: 'small 3-D',
      dims: 3,
      input: { shape: [2, 2, 3], data: toNested(tensor([2, 2, 3], inputData)) },
      layer: { kernel: { data: toNested(tensor([2, 2, 2], kernelData)) }, stride: [2, 1, 1] },
      verify: ['adjoint', 'scatter'],
    }),
  );
  return file;
}

describe('tconv CLI on 3-D specs', () => {
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build`'));
  const expected = convTranspose3d(tensor([1, 1, 2, 2, 3], inputData), tensor([1, 1, 2, 2, 2], kernelData), null, {
    stride: [2, 1, 1],
  });

  it('show: D, H and W formulas, and the values depth slice by depth slice', () => {
    const r = tconv(['show', specFile()]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /ConvTranspose3d\(1 → 1, kernel 2×2×2, stride \(2, 1, 1\)/);
    assert.match(r.stdout, /D_out = \(D_in − 1\)·stride/);
    assert.match(r.stdout, /= \(2 − 1\)·2 − 2·0 \+ 1·\(2 − 1\) \+ 0 \+ 1 = 4/);
    assert.match(r.stdout, /H_out = \(H_in − 1\)·stride/);
    assert.match(r.stdout, /W_out = \(W_in − 1\)·stride/);
    assert.deepEqual(expected.shape, [1, 1, 4, 3, 4]);
    // The output's four depth slices, each a 3×4 grid of the engine's numbers (only n = c = 0: 4 planes, no more).
    const output = r.stdout.slice(r.stdout.lastIndexOf('output 1×1×4×3×4'));
    for (let d = 0; d < 4; d++) {
      const at = output.indexOf(`n=0, c=0, d=${d}`);
      assert.ok(at >= 0, `slice ${d} in:\n${output}`);
      const rows = output
        .slice(at)
        .split('\n')
        .slice(1, 4)
        .map((l) => l.trim().split(/\s+/).map(Number));
      const slice = Array.from({ length: 3 }, (_, i) =>
        Array.from({ length: 4 }, (_, j) => expected.data[(d * 3 + i) * 4 + j]),
      );
      assert.deepEqual(rows, slice, `slice ${d}`);
    }
    assert.doesNotMatch(output, /more plane/);
    assert.match(r.stdout, /W is built for 1-D and 2-D layers only: this layer is 3-D/);
  });

  it('verify: the adjoint check and the scatter check (streamed, matrix-free) both run and pass in 3-D', () => {
    const r = tconv(['verify', specFile()]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /✔ ⟨W x, y⟩ = ⟨x, Wᵀ y⟩/);
    assert.match(r.stdout, /✔ .*scatter.*broadcast steps/);
    assert.doesNotMatch(r.stdout, /not run/);
    assert.match(r.stdout, /2 passed, 0 failed/);
  });

  it('show --json on the MONAI example: the output shape, and planes capped at 4 in text', () => {
    const json = tconv(['show', '--json', 'examples/monai-unet3d-upconv.tconv.json']);
    assert.equal(json.status, 0, json.stderr);
    const [report] = JSON.parse(json.stdout) as [
      { values: { layers: { output: { shape: number[] } }[] }; verification: { passed: boolean } },
    ];
    assert.deepEqual(report.values.layers[0].output.shape, [1, 16, 8, 8, 8]);
    assert.equal(report.verification.passed, true);
    const text = tconv(['show', 'examples/monai-unet3d-upconv.tconv.json']);
    assert.match(text.stdout, /… 124 more planes \(1×16×8\)/);
    assert.match(text.stdout, /n=0, c=0, d=3/);
    assert.doesNotMatch(text.stdout, /n=0, c=0, d=4/);
    const check = tconv(['check', 'examples/monai-unet3d-upconv.tconv.json']);
    assert.equal(check.status, 0, check.stdout);
  });
});
