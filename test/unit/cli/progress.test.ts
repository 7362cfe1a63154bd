// `tconv verify` / `tconv show` draw a progress bar on stderr only when it is a terminal and the output is not
// --json; --json is what the engine's verifications give, as before; Ctrl+C ends a run with exit 130, no trace.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyText } from '../../../src/specFile/verifySpec';

const CLI = join(__dirname, '../../../dist/cli.js');
const ROOT = join(__dirname, '../../..');
const ROUND_TRIP = 'examples/d2l-round-trip.tconv.json';

function tconv(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
  });
}

/** Runs the CLI on a real terminal (util-linux `script` gives it a pseudo-terminal); what the terminal shows. */
function onTerminal(args: string[]): string | undefined {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const run = spawnSync('script', ['-qec', `stty cols 120; ${command}`, '/dev/null'], { cwd: ROOT, encoding: 'utf8' });
  return run.error ? undefined : run.stdout;
}

/** A DCGAN generator at batch 64 with every verification: seconds of work. */
function heavySpec(): string {
  const text = readFileSync(join(ROOT, 'examples/dcgan-generator.tconv.json'), 'utf8')
    .replace('"$schema": "../schemas/tconv.schema.json",', '')
    .replace('"shape": [100, 1, 1]', '"shape": [64, 100, 1, 1]')
    .replace(/, "expect": \{ "outputShape": \[[0-9, ]+\] \}/g, '')
    .replace(/"expect": \{ "outputShape": \[3, 64, 64\] \},/, '')
    .replace(/"verify":\s*\[[^\]]*\]/, '"verify": "all"');
  const file = join(mkdtempSync(join(tmpdir(), 'tconv-progress-')), 'dcgan64.tconv.json');
  writeFileSync(file, text);
  return file;
}

describe('tconv CLI progress bar and Ctrl+C', () => {
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)'));

  it('draws nothing on stderr when stderr is not a terminal', () => {
    for (const command of ['verify', 'show']) {
      const run = tconv([command, ROUND_TRIP]);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '', `${command} wrote to stderr`);
      assert.doesNotMatch(run.stdout, /verifying|▕/);
    }
  });

  it('--json gives the engine’s verification, as before the threads', () => {
    const run = tconv(['verify', '--json', ROUND_TRIP]);
    assert.equal(run.status, 0, run.stderr);
    const expected = verifyText(readFileSync(join(ROOT, ROUND_TRIP), 'utf8')).verification;
    const report = [{ file: ROUND_TRIP, passed: true, status: 'passed', verification: expected }];
    assert.equal(run.stdout, `${JSON.stringify(report, null, 2)}\n`);
    const shown = JSON.parse(tconv(['show', '--json', ROUND_TRIP]).stdout) as { verification: unknown }[];
    assert.deepEqual(shown[0].verification, JSON.parse(JSON.stringify(expected)));
  });

  it('on a terminal: the bar names the spec, the layer, the check and the count, and is erased', function () {
    const screen = onTerminal(['verify', ROUND_TRIP]);
    if (screen === undefined) this.skip();
    assert.match(screen, /verifying d2l-round-trip\.tconv\.json…/);
    assert.match(screen, /verifying d2l-round-trip\.tconv\.json · layer 1\/1 layer · roundTrip ▕░+▏ 0\/3 checks/);
    assert.match(screen, /▕█+▏ 3\/3 checks/);
    // Erased before the report: the line is cleared, then the report starts at its beginning.
    const erase = '\r\u001b[2K';
    const report = screen.indexOf('examples/d2l-round-trip.tconv.json');
    assert.ok(report > 0 && screen.lastIndexOf(erase, report) >= screen.lastIndexOf('checks', report), screen);
    const json = onTerminal(['verify', '--json', ROUND_TRIP]) ?? '';
    assert.doesNotMatch(json, /verifying|▕/);
  });

  it('Ctrl+C ends a run: exit 130, one line on stderr, no stack trace', async () => {
    const child = spawn(process.execPath, [CLI, 'verify', heavySpec()], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    assert.equal(code, 130, stderr);
    assert.equal(stderr, 'tconv: interrupted\n');
  });
});
