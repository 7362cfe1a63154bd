import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { toDense, transposedConvMatrix } from '../../../src/engine';

// Runs the built CLI (npm test builds it first) exactly as a user would.
const CLI = join(__dirname, '../../../dist/cli.js');
const ROOT = join(__dirname, '../../..');

function tconv(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Values that overflow float64 (1e308 · 10): scatter and transpose are honestly not run. */
const OVERFLOW_SPEC = {
  input: {
    data: [
      [1e308, 1],
      [2, 3],
    ],
  },
  layer: { kernel: { data: [[10]] } },
  verify: ['scatter', 'transpose'],
};

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
const sub = (n: number) => String(n).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]);
/** 1-based (row, column) subscripts of flat index i in a grid `width` wide (single-digit indices only). */
const at = (i: number, width: number) => `${sub(Math.floor(i / width) + 1)}${sub((i % width) + 1)}`;

/**
 * The symbolic form of a single-channel 2-D transposed convolution, derived from the engine's numeric W (not from
 * its symbolic code): the kernel holds 1…k², so a cell of W with value v is weight v − 1 in row-major order, and
 * out_j = Σ over the rows i with W[i][j] ≠ 0 of w·x_i.
 */
function expectedSymbolic(h: number, w: number, kh: number, kw: number, stride = 1) {
  const weight = { shape: [1, 1, kh, kw], data: Float64Array.from({ length: kh * kw }, (_, i) => i + 1) };
  const dense = toDense(transposedConvMatrix([1, 1, h, w], weight, { stride }));
  const [rows, cols] = dense.shape;
  const outW = (w - 1) * stride + kw;
  assert.equal(rows, h * w);
  assert.equal(cols, ((h - 1) * stride + kh) * outW);
  const value = (r: number, c: number) => dense.data[r * cols + c];
  const W = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => (value(r, c) === 0 ? '0' : `w${at(value(r, c) - 1, kw)}`)),
  );
  const equations = Array.from({ length: cols }, (_, c) => {
    const terms = W.flatMap((row, r) => (row[c] === '0' ? [] : [`${row[c]}x${at(r, w)}`]));
    return `out${at(c, outW)} = ${terms.length ? terms.join(' + ') : '0'}`;
  });
  return { equations, W };
}

const goodExamples = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.tconv.json'))
  .map((f) => `examples/${f}`);

describe('tconv CLI (dist/cli.js)', () => {
  before(() => assert.ok(existsSync(CLI), 'dist/cli.js is missing: run `npm run build` (npm test does)'));

  it('a reader that stops early (tconv show … | head) ends the output quietly: no EPIPE stack trace', async () => {
    // The clean examples: exit 0 when all is well, and more output (86 KB) than a pipe holds (64 KB).
    const child = spawn(process.execPath, [CLI, 'show', ...goodExamples], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: read the first chunk, then close the pipe while the CLI is still writing.
    child.stdout.once('data', () => child.stdout.destroy());
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    assert.equal(signal, null);
    assert.equal(code, 0, stderr);
    assert.doesNotMatch(stderr, /EPIPE|at .*\(|Error/, stderr);
  });

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
    assert.equal(
      tconv(['check', 'examples/broken/channel-mismatch.tconv.json'], { TCONV_LOCALE: 'pt-BR' }).stdout.includes(
        'camada',
      ),
      true,
    );
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
    for (const row of ['0  0  0  1', '0  0  2  3', '0  2  0  3', '4  6  6  9'])
      assert.ok(r.stdout.includes(row), `output row ${row}`);
    assert.match(r.stdout, /W 4×16 /);
    assert.match(r.stdout, /Wᵀ/);
    assert.match(r.stdout, /8 passed, 0 failed/);
  });

  it('show --json: the values are the engine numbers', () => {
    const r = tconv(['show', '--json', 'examples/d2l-basic.tconv.json']);
    assert.equal(r.status, 0, r.stderr);
    const [report] = JSON.parse(r.stdout);
    assert.deepEqual(report.values.layers[0].output.data, [
      [
        [
          [0, 0, 1],
          [0, 4, 6],
          [4, 12, 9],
        ],
      ],
    ]);
    assert.equal(report.verification.passed, true);
  });

  it('show --symbolic: the d2l equations and W with weight symbols, after the numbers', () => {
    const r = tconv(['show', '--symbolic', 'examples/d2l-basic.tconv.json']);
    assert.equal(r.status, 0, r.stderr);
    // d2l Fig. 14.10.1 written out by hand: each input element x_ab scales the kernel into out_(a+i−1)(b+j−1).
    const d2l = [
      'out₁₁ = w₁₁x₁₁',
      'out₁₂ = w₁₂x₁₁ + w₁₁x₁₂',
      'out₁₃ = w₁₂x₁₂',
      'out₂₁ = w₂₁x₁₁ + w₁₁x₂₁',
      'out₂₂ = w₂₂x₁₁ + w₂₁x₁₂ + w₁₂x₂₁ + w₁₁x₂₂',
      'out₂₃ = w₂₂x₁₂ + w₁₂x₂₂',
      'out₃₁ = w₂₁x₂₁',
      'out₃₂ = w₂₂x₂₁ + w₂₁x₂₂',
      'out₃₃ = w₂₂x₂₂',
    ];
    assert.deepEqual(expectedSymbolic(2, 2, 2, 2).equations, d2l, 'the derivation from the numeric W agrees with d2l');
    const lines = r.stdout.split('\n').map((l) => l.trim());
    const start = lines.indexOf('Symbolic');
    assert.ok(
      start > lines.findIndex((l) => l.startsWith('Matrix')) && start < lines.indexOf('Verifications'),
      r.stdout,
    );
    const first = lines.indexOf(d2l[0]);
    assert.ok(first > start, r.stdout);
    assert.deepEqual(lines.slice(first, first + d2l.length), d2l);
    assert.ok(lines.includes('W with weight symbols 4×9'), r.stdout);
    const grid = expectedSymbolic(2, 2, 2, 2).W;
    for (const [i, row] of grid.entries()) {
      assert.ok(
        lines.some((l) => l.split(/\s+/).join(' ') === [`x${at(i, 2)}`, ...row].join(' ')),
        `W row x${at(i, 2)}: ${row.join(' ')}`,
      );
    }
    assert.doesNotMatch(
      tconv(['show', 'examples/d2l-basic.tconv.json']).stdout,
      /w₁₁|^Symbolic$/m,
      'only with --symbolic',
    );
  });

  it('show --symbolic: every equation and W of the 4×4-from-3×3 example match the numeric W', () => {
    const expected = expectedSymbolic(2, 2, 3, 3);
    const text = tconv(['show', '--symbolic', 'examples/symbolic-4x4-3x3.tconv.json']);
    assert.equal(text.status, 0, text.stderr);
    const lines = text.stdout.split('\n').map((l) => l.trim());
    for (const e of expected.equations) assert.ok(lines.includes(e), `missing ${e}`);
    const json = tconv(['show', '--json', '--symbolic', 'examples/symbolic-4x4-3x3.tconv.json']);
    assert.equal(json.status, 0, json.stderr);
    const [layer] = JSON.parse(json.stdout)[0].values.layers;
    assert.deepEqual(layer.symbolic.equations, expected.equations);
    assert.deepEqual(layer.symbolic.W, expected.W);
    assert.equal(layer.symbolicNote, undefined);
    assert.equal(
      JSON.parse(tconv(['show', '--json', 'examples/symbolic-4x4-3x3.tconv.json']).stdout)[0].values.layers[0].symbolic,
      undefined,
    );
  });

  it('show --symbolic: large and forward layers get a one-line reason (text and --json)', () => {
    const dcgan = tconv(['show', '--symbolic', 'examples/dcgan-generator.tconv.json']);
    assert.equal(dcgan.status, 0, dcgan.stderr);
    assert.match(dcgan.stdout, /^ {2}project\n {4}W is 100×8,192; symbolic mode stops at 4,096 entries\.$/m);
    assert.doesNotMatch(dcgan.stdout, /w₁|W with weight symbols/);
    const [report] = JSON.parse(tconv(['show', '--json', '--symbolic', 'examples/dcgan-generator.tconv.json']).stdout);
    assert.ok(report.values.layers.length >= 2);
    for (const layer of report.values.layers) {
      assert.equal(layer.symbolic, null);
      assert.match(layer.symbolicNote, /^W is [\d,]+×[\d,]+; symbolic mode stops at 4,096 entries\.$/);
    }
    const roundTrip = JSON.parse(
      tconv(['show', '--json', '--symbolic', 'examples/d2l-round-trip.tconv.json']).stdout,
    )[0];
    assert.equal(roundTrip.values.layers[0].name, 'forward');
    assert.equal(roundTrip.values.layers[0].symbolicNote, 'Symbolic mode covers transposed layers.');
    const ko = tconv(['show', '--symbolic', '--locale', 'ko', 'examples/dcgan-generator.tconv.json']);
    assert.match(ko.stdout, /W는 100×8,192입니다\. 기호 모드는/);
    assert.match(
      tconv(['check', '--symbolic', 'examples/d2l-basic.tconv.json']).stderr,
      /unknown option '--symbolic'/,
      'show only',
    );
  });

  it('verify: runs the verifications, exit 0 when all pass, 1 for a spec with errors', () => {
    const ok = tconv(['verify', 'examples/d2l-basic.tconv.json', 'examples/onnx-dilation.tconv.json']);
    assert.equal(ok.status, 0, ok.stdout);
    assert.match(ok.stdout, /2 specs verified: 2 passed, 0 failed/);
    const bad = tconv(['verify', 'examples/broken/unet-off-by-one.tconv.json']);
    assert.equal(bad.status, 1);
    assert.match(bad.stdout, /not verified/);
  });

  it('verify: an empty verify list or checks all not run is "nothing verified", exit 0, never "failed"', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tconv-nothing-'));
    const empty = join(dir, 'empty.tconv.json');
    writeFileSync(
      empty,
      JSON.stringify({
        input: {
          data: [
            [0, 1],
            [2, 3],
          ],
        },
        layer: { kernel: { data: [[1]] } },
        verify: [],
      }),
    );
    // 1e308 · 10 overflows float64: both checks are not run, with that reason (W has no size cap any more).
    const large = join(dir, 'large.tconv.json');
    writeFileSync(large, JSON.stringify(OVERFLOW_SPEC));
    const e = tconv(['verify', empty]);
    assert.equal(e.status, 0, e.stdout + e.stderr);
    assert.match(e.stdout, /nothing verified: no verification requested/);
    assert.match(e.stdout, /1 spec: nothing verified, not a failure/);
    assert.doesNotMatch(e.stdout, /failed/);
    const l = tconv(['verify', large]);
    assert.equal(l.status, 0, l.stdout + l.stderr);
    assert.match(l.stdout, /nothing verified: 2 checks not run \(values overflow float64 \(max \|x\| = 1\.0e\+308\)\)/);
    const both = tconv(['verify', empty, large, 'examples/d2l-basic.tconv.json']);
    assert.equal(both.status, 0, both.stdout);
    assert.match(both.stdout, /3 specs: 1 passed, 0 failed, 2 with nothing verified/);
    const json = tconv(['verify', '--json', large]);
    assert.equal(json.status, 0, json.stdout);
    const [report] = JSON.parse(json.stdout);
    assert.equal(report.passed, true);
    assert.equal(report.status, 'nothingVerified');
    assert.deepEqual(report.verification.counts, { passed: 0, failed: 0, notRun: 2 });
    const shown = tconv(['show', empty]);
    assert.equal(shown.status, 0, shown.stdout);
    assert.match(shown.stdout, /nothing verified: no verification requested/);
  });

  for (const locale of ['en', 'ko', 'ja', 'pt-br']) {
    it(`verify --locale ${locale}: the results start in one terminal column, wide characters counted as two`, () => {
      const out = tconv(['verify', '--locale', locale, 'examples/d2l-basic.tconv.json']);
      assert.equal(out.status, 0, out.stdout);
      const results = out.stdout.split('\n').filter((l) => /^ {4}✔ /.test(l));
      assert.equal(results.length, 8, out.stdout);
      // A result starts after the title's padding, the first run of two or more spaces.
      const columns = results.map((line) => stringWidth(/^ {4}✔ .*?\S {2,}/.exec(line)?.[0] ?? ''));
      assert.equal(new Set(columns).size, 1, `results start at columns ${columns.join(', ')}:\n${results.join('\n')}`);
    });
  }

  it('globs and directories expand to *.tconv.json files', () => {
    const r = tconv(['check', '--json', 'examples/d2l-*.tconv.json']);
    const files = new Set(
      JSON.parse(tconv(['show', '--json', 'examples/d2l-*.tconv.json']).stdout).map((x: { file: string }) => x.file),
    );
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
