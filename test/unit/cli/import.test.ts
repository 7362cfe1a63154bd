// `tconv import` run as a user runs it: the built CLI on ONNX models the tests write to a temporary folder.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convChain } from '../onnx/onnxModels';

const CLI = join(__dirname, '../../../dist/cli.js');

function tconv(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', TCONV_LOCALE: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tconv import (dist/cli.js)', function () {
  this.timeout(60_000);
  let dir: string;

  before(() => {
    assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)');
    dir = mkdtempSync(join(tmpdir(), 'tconv-import-'));
    const { bytes } = convChain(
      ['N', 4, 2, 2],
      [
        {
          op: 'ConvTranspose',
          inChannels: 4,
          outChannels: 2,
          kernel: [4, 4],
          bias: true,
          name: 'up1',
          attributes: { strides: [2, 2], pads: [1, 1, 1, 1] },
        },
        {
          op: 'ConvTranspose',
          inChannels: 2,
          outChannels: 1,
          kernel: [4, 4],
          name: 'up2',
          attributes: { strides: [2, 2], pads: [1, 1, 1, 1] },
        },
      ],
      { between: { 0: 'Relu' } },
    );
    writeFileSync(join(dir, 'decoder.onnx'), bytes);
    writeFileSync(join(dir, 'corrupt.onnx'), bytes.subarray(0, 40));
    const symbolic = convChain(
      ['N', 1, 'H', 'W'],
      [{ op: 'ConvTranspose', inChannels: 1, outChannels: 1, kernel: [2, 2] }],
    );
    writeFileSync(join(dir, 'symbolic.onnx'), symbolic.bytes);
  });

  it('writes <model>.tconv.json next to the model, which tconv check accepts; says what it left out', () => {
    const r = tconv(['import', 'decoder.onnx'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /decoder\.onnx → decoder\.tconv\.json: convTranspose ×2, input 'X' 1×4×2×2/);
    assert.match(r.stdout, /1×4×2×2 → up1 1×2×4×4 → up2 1×1×8×8/);
    assert.match(r.stdout, /left out \(not modelled[^\n]*\n\s+Relu 'relu0'/);
    const spec = JSON.parse(readFileSync(join(dir, 'decoder.tconv.json'), 'utf8'));
    assert.deepEqual(spec.input, { shape: [1, 4, 2, 2] });
    assert.deepEqual(
      spec.layers.map((l: { name: string }) => l.name),
      ['up1', 'up2'],
    );
    const check = tconv(['check', 'decoder.tconv.json'], dir);
    assert.equal(check.status, 0, check.stdout);
    const show = tconv(['show', 'decoder.tconv.json'], dir);
    assert.equal(show.status, 0, show.stdout);
  });

  it('refuses to overwrite without --force; -o writes elsewhere; -o - prints the spec', () => {
    const again = tconv(['import', 'decoder.onnx'], dir);
    assert.equal(again.status, 2);
    assert.match(again.stderr, /decoder\.tconv\.json exists; --force overwrites it/);
    assert.equal(tconv(['import', 'decoder.onnx', '--force'], dir).status, 0);
    const other = tconv(['import', 'decoder.onnx', '-o', 'other.tconv.json', '--weights', 'none'], dir);
    assert.equal(other.status, 0, other.stderr);
    const spec = JSON.parse(readFileSync(join(dir, 'other.tconv.json'), 'utf8'));
    assert.deepEqual(spec.layers[0].kernel, { shape: [4, 2, 4, 4] });
    const printed = tconv(['import', 'decoder.onnx', '-o', '-'], dir);
    assert.equal(printed.status, 0);
    assert.deepEqual(JSON.parse(printed.stdout).input, { shape: [1, 4, 2, 2] });
  });

  it('--input-shape gives the sizes a symbolic input lacks; without it, the error says so', () => {
    const missing = tconv(['import', 'symbolic.onnx'], dir);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /symbolic dimension 'H' \(axis 2\): give its size with --input-shape/);
    const given = tconv(['import', 'symbolic.onnx', '--input-shape', '1,1,5,6', '--json'], dir);
    assert.equal(given.status, 0, given.stderr);
    const report = JSON.parse(given.stdout);
    assert.deepEqual(report.input.shape, [1, 1, 5, 6]);
    assert.deepEqual(report.check.outputShape, [1, 1, 6, 7]);
    assert.equal(report.check.errors, 0);
    const bad = tconv(['import', 'symbolic.onnx', '--input-shape', '5,x'], dir);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--input-shape/);
  });

  it('a corrupt file and a missing file are clear errors, without a stack trace', () => {
    const corrupt = tconv(['import', 'corrupt.onnx'], dir);
    assert.equal(corrupt.status, 1);
    assert.match(corrupt.stderr, /^tconv import: corrupt\.onnx: not an ONNX model/);
    assert.doesNotMatch(corrupt.stderr, /\n\s+at /);
    const missing = tconv(['import', 'nothing.onnx'], dir);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read nothing\.onnx/);
  });
});
