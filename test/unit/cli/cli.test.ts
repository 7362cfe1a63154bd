import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Runs the built CLI (npm test builds it first) exactly as a user would.
const CLI = join(__dirname, '../../../dist/cli.js');
const ROOT = join(__dirname, '../../..');

function tconv(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const goodExamples = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.tconv.json')).map((f) => `examples/${f}`);

describe('tconv CLI (dist/cli.js)', () => {
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)'));

  it('check: every example is clean, exit 0', () => {
    assert.ok(goodExamples.length >= 10);
    const r = tconv(['check', ...goodExamples]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stdout, /: (error|warning) /);
    assert.match(r.stdout, new RegExp(`${goodExamples.length} specs checked: ${goodExamples.length} without errors`));
  });

  it('check: broken specs print file:line:col: severity code: message and exit 1', () => {
    const r = tconv(['check', 'examples/broken']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^examples\/broken\/channel-mismatch\.tconv\.json:\d+:\d+: error channel-mismatch: /m);
    assert.match(r.stdout, /^ {2}fix: /m);
  });

  it('check --locale ko: the same diagnostics, in Korean; an unknown locale is refused with the list', () => {
    const en = tconv(['check', 'examples/broken/channel-mismatch.tconv.json']);
    const ko = tconv(['check', '--locale', 'ko', 'examples/broken/channel-mismatch.tconv.json']);
    assert.equal(ko.status, 1);
    const position = /^(\S+:\d+:\d+: error channel-mismatch): (.*)$/m;
    const [enLine, koLine] = [position.exec(en.stdout), position.exec(ko.stdout)];
    assert.ok(enLine && koLine, ko.stdout);
    assert.equal(koLine[1], enLine[1], 'same file, position, severity and code');
    assert.match(koLine[2], /[\uac00-\ud7af]/, koLine[2]);
    assert.equal(tconv(['check', 'examples/broken/channel-mismatch.tconv.json'], { TCONV_LOCALE: 'pt-BR' }).stdout.includes('camada'), true);
    const bad = tconv(['check', '--locale', 'xx', 'examples/d2l-basic.tconv.json']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /no translation for "xx"; available: en, ja, ko, pt-br/);
  });

  it('check --json: machine-readable diagnostics with positions', () => {
    const r = tconv(['check', '--json', 'examples/broken/output-padding-too-large.tconv.json']);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout);
    assert.equal(report.summary.files, 1);
    const d = report.diagnostics[0];
    assert.equal(d.code, 'output-padding-range');
    assert.ok(d.line > 0 && d.column > 0 && d.endColumn > d.column);
    assert.ok(d.fixes.length > 0);
  });

  it('show: formulas with numbers, grids, W and Wᵀ, verifications (d2l stride 2)', () => {
    const r = tconv(['show', 'examples/d2l-stride.tconv.json']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /H_out = \(H_in − 1\)·stride − 2·padding \+ dilation·\(kernel − 1\) \+ output_padding \+ 1/);
    assert.match(r.stdout, /= \(2 − 1\)·2 − 2·0 \+ 1·\(2 − 1\) \+ 0 \+ 1 = 4/);
    for (const row of ['0  0  0  1', '0  0  2  3', '0  2  0  3', '4  6  6  9']) assert.ok(r.stdout.includes(row), `output row ${row}`);
    assert.match(r.stdout, /W 4×16 /);
    assert.match(r.stdout, /Wᵀ/);
    assert.match(r.stdout, /8 passed, 0 failed/);
  });

  it('show --json: the values are the engine numbers', () => {
    const r = tconv(['show', '--json', 'examples/d2l-basic.tconv.json']);
    assert.equal(r.status, 0, r.stderr);
    const [report] = JSON.parse(r.stdout);
    assert.deepEqual(report.values.layers[0].output.data, [[[[0, 0, 1], [0, 4, 6], [4, 12, 9]]]]);
    assert.equal(report.verification.passed, true);
  });

  it('verify: runs the verifications, exit 0 when all pass, 1 for a spec with errors', () => {
    const ok = tconv(['verify', 'examples/d2l-basic.tconv.json', 'examples/onnx-dilation.tconv.json']);
    assert.equal(ok.status, 0, ok.stdout);
    assert.match(ok.stdout, /2 specs verified: 2 passed, 0 failed/);
    const bad = tconv(['verify', 'examples/broken/unet-off-by-one.tconv.json']);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /not verified/);
  });

  it('globs and directories expand to *.tconv.json files', () => {
    const r = tconv(['check', '--json', 'examples/d2l-*.tconv.json']);
    const files = new Set(JSON.parse(tconv(['show', '--json', 'examples/d2l-*.tconv.json']).stdout).map((x: { file: string }) => x.file));
    assert.equal(r.status, 0);
    assert.ok(files.size >= 5 && [...files].every((f) => /^examples\/d2l-.*\.tconv\.json$/.test(f as string)));
  });

  it('bad input: broken JSON is a diagnostic, a missing file exit 2, never a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tconv-cli-'));
    const file = join(dir, 'half.tconv.json');
    writeFileSync(file, '{ "input": { "data": [[0, 1], [2, 3]] }, "layer": { "kernel": { "data": [[0, 1], [2');
    const broken = tconv(['show', file]);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /half\.tconv\.json:1:\d+: error syntax: /);
    assert.doesNotMatch(broken.stdout + broken.stderr, /\n\s+at /);
    const missing = tconv(['check', join(dir, 'nope.tconv.json')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no spec matches/);
    const usage = tconv(['frobnicate']);
    assert.notEqual(usage.status, 0);
    assert.match(usage.stderr, /unknown command/);
  });

  it('colour only when asked or on a terminal', () => {
    const esc = String.fromCharCode(27);
    assert.ok(!tconv(['check', 'examples/broken']).stdout.includes(esc));
    assert.ok(tconv(['check', 'examples/broken'], { FORCE_COLOR: '1' }).stdout.includes(esc));
    assert.ok(!tconv(['check', '--no-color', 'examples/broken'], { FORCE_COLOR: '1' }).stdout.includes(esc));
  });
});
