// The worker's side of the host/worker protocol: texts that come in parts, hovers computed in the worker (from
// the analysis it keeps), and what crosses back to the host (no data values, layer positions for the Testing view).
import { strict as assert } from 'node:assert';
import { serialize } from 'node:v8';
import { analyzeText, verifyText, type Analysis } from '../../../src/analysis/analyze';
import { ANALYSIS_FUNCTIONS } from '../../../src/analysis/functions';
import { analysisForHost, lean, verificationForHost } from '../../../src/analysis/hostView';
import fc from 'fast-check';
import { editedText, requestHandler, type AnalysisFunctions, type AnalysisResponse, type TextEdit, type WorkerRequest } from '../../../src/analysis/protocol';
import { RecentAnalyses } from '../../../src/analysis/recentAnalyses';
import { hoverAt } from '../../../src/spec/hover';
import { LineIndex } from '../../../src/spec/positions';
import { EditLog, editedLength } from '../../../src/vscode/documentEdits';
import { EXAMPLES_DIR, readText, specText } from '../spec/helpers';

const D2L = readText(EXAMPLES_DIR, 'd2l-basic.tconv.json');
const DCGAN = readText(EXAMPLES_DIR, 'dcgan-generator.tconv.json');

/** Every offset where a hover may change: each character of a short text, a stride through a long one. */
function offsets(text: string): number[] {
  const step = Math.max(1, Math.floor(text.length / 400));
  const out: number[] = [];
  for (let i = 0; i <= text.length; i += step) out.push(i);
  return out;
}

/** Functions that record what reached them. */
function recording(): { run: AnalysisFunctions; texts: string[] } {
  const texts: string[] = [];
  const run: AnalysisFunctions = {
    analyze: (text) => (texts.push(text), { diagnostics: [], spec: null, plan: null }),
    verify: (text) => (texts.push(text), { diagnostics: [], plan: null, layerPositions: [] }),
    preview: (text) => (texts.push(text), { ok: false, message: '', diagnostics: [] }),
    hover: (text) => (texts.push(text), undefined),
    localize: () => undefined,
  };
  return { run, texts };
}

describe('worker protocol: a text in parts', () => {
  it('joins the parts with the request text, answers the request and never a part', () => {
    const { run, texts } = recording();
    const handle = requestHandler(run);
    assert.equal(handle({ kind: 'part', id: 0, text: 'ab' }), undefined);
    assert.equal(handle({ kind: 'part', id: 0, text: 'cd' }), undefined);
    const answer = handle({ kind: 'analyze', id: 7, key: 'doc', text: 'ef', options: {} });
    assert.deepEqual(answer, { kind: 'analyzed', id: 7, analysis: { diagnostics: [], spec: null, plan: null } });
    assert.deepEqual(texts, ['abcdef']);
  });

  it('starts afresh after each request, and a translation bundle does not take the parts', () => {
    const { run, texts } = recording();
    const handle = requestHandler(run);
    handle({ kind: 'part', id: 0, text: '1' });
    assert.deepEqual(handle({ kind: 'l10n', id: 0, bundle: {} }), { kind: 'localized', id: 0 });
    handle({ kind: 'hover', id: 1, key: 'doc', text: '2', offset: 0, options: {} });
    handle({ kind: 'verify', id: 2, key: 'doc', text: '3', options: {} });
    assert.deepEqual(texts, ['12', '3']);
  });

  it('gives the worker functions the same text, whole or in parts', () => {
    const handle = requestHandler(ANALYSIS_FUNCTIONS);
    const whole = handle({ kind: 'analyze', id: 1, key: 'doc', text: DCGAN, options: {} });
    const cut = [DCGAN.slice(0, 100), DCGAN.slice(100, 101), DCGAN.slice(101, 900)];
    for (const text of cut) handle({ kind: 'part', id: 0, text });
    const parted = handle({ kind: 'analyze', id: 2, key: 'doc', text: DCGAN.slice(900), options: {} }) as AnalysisResponse;
    assert.deepEqual({ ...parted, id: 1 }, whole);
  });
});

describe('worker protocol: the worker keeps the last text of each key', () => {
  it('a request with sameText gets the text last sent with its key, also when it came in parts', () => {
    const { run, texts } = recording();
    const handle = requestHandler(run);
    handle({ kind: 'part', id: 0, text: 'ab' });
    handle({ kind: 'analyze', id: 1, key: 'doc', text: 'cd', options: {} });
    handle({ kind: 'analyze', id: 2, key: 'other', text: 'xy', options: {} });
    assert.deepEqual(handle({ kind: 'hover', id: 3, key: 'doc', sameText: true, offset: 0, options: {} }), { kind: 'hovered', id: 3, hover: null });
    handle({ kind: 'verify', id: 4, key: 'other', sameText: true, options: {} });
    assert.deepEqual(texts, ['abcd', 'xy', 'abcd', 'xy']);
  });

  it('hands the same string on, so the analysis kept for it is found without comparing characters', () => {
    const seen: string[] = [];
    const handle = requestHandler({ ...recording().run, hover: (text) => (seen.push(text), undefined), analyze: (text) => (seen.push(text), { diagnostics: [], spec: null, plan: null }) });
    handle({ kind: 'part', id: 0, text: 'x'.repeat(10) });
    handle({ kind: 'analyze', id: 1, key: 'doc', text: 'y', options: {} });
    handle({ kind: 'hover', id: 2, key: 'doc', sameText: true, offset: 0, options: {} });
    assert.ok(Object.is(seen[0], seen[1]));
  });

  it('answers resend for a key it holds no text for, or whose text it let go past its limits', () => {
    const { run, texts } = recording();
    const handle = requestHandler(run, { entries: 2, characters: 10 });
    const hover = (id: number, key: string) => handle({ kind: 'hover', id, key, sameText: true, offset: 0, options: {} });
    assert.deepEqual(hover(1, 'never'), { kind: 'resend', id: 1 });
    handle({ kind: 'analyze', id: 2, key: 'a', text: 'aaaa', options: {} });
    handle({ kind: 'analyze', id: 3, key: 'b', text: 'bbbb', options: {} });
    handle({ kind: 'analyze', id: 4, key: 'c', text: 'cccc', options: {} });
    assert.deepEqual(hover(5, 'a'), { kind: 'resend', id: 5 }, 'past the entry limit');
    assert.deepEqual(hover(6, 'b'), { kind: 'hovered', id: 6, hover: null });
    handle({ kind: 'analyze', id: 7, key: 'd', text: 'd'.repeat(8), options: {} });
    assert.deepEqual(hover(8, 'c'), { kind: 'resend', id: 8 }, 'past the character limit');
    handle({ kind: 'analyze', id: 9, key: 'e', text: 'e'.repeat(50), options: {} });
    assert.deepEqual(hover(10, 'e'), { kind: 'hovered', id: 10, hover: null }, 'the newest is kept even above the limit');
    assert.deepEqual(texts, ['aaaa', 'bbbb', 'cccc', 'bbbb', 'd'.repeat(8), 'e'.repeat(50), 'e'.repeat(50)]);
  });
});

describe('worker protocol: a request may send the edits to the text kept for its key', () => {
  it('applies the edits in order to the kept text and keeps the result', () => {
    const { run, texts } = recording();
    const handle = requestHandler(run);
    handle({ kind: 'analyze', id: 1, key: 'doc', text: '{"stride": 2}', options: {} });
    const edits = [{ offset: 11, deleted: 1, text: '3' }, { offset: 0, deleted: 0, text: '// s\n' }];
    assert.deepEqual(handle({ kind: 'analyze', id: 2, key: 'doc', edits, length: 18, options: {} }), { kind: 'analyzed', id: 2, analysis: { diagnostics: [], spec: null, plan: null } });
    handle({ kind: 'hover', id: 3, key: 'doc', sameText: true, offset: 0, options: {} });
    handle({ kind: 'verify', id: 4, key: 'doc', edits: [{ offset: 6, deleted: 11, text: '' }], length: 7, options: {} });
    assert.deepEqual(texts, ['{"stride": 2}', '// s\n{"stride": 3}', '// s\n{"stride": 3}', '// s\n{}']);
  });

  it('answers resend, and keeps its text, for edits to a text it does not hold or that do not fit it', () => {
    const { run, texts } = recording();
    const handle = requestHandler(run);
    const edit = (id: number, key: string, edits: TextEdit[], length: number) => handle({ kind: 'analyze', id, key, edits, length, options: {} });
    assert.deepEqual(edit(1, 'doc', [{ offset: 0, deleted: 0, text: 'x' }], 1), { kind: 'resend', id: 1 }, 'no text kept');
    handle({ kind: 'analyze', id: 2, key: 'doc', text: 'abc', options: {} });
    assert.deepEqual(edit(3, 'doc', [{ offset: 2, deleted: 2, text: '' }], 1), { kind: 'resend', id: 3 }, 'past the end');
    assert.deepEqual(edit(4, 'doc', [{ offset: -1, deleted: 0, text: 'x' }], 4), { kind: 'resend', id: 4 }, 'a negative offset');
    assert.deepEqual(edit(5, 'doc', [{ offset: 0, deleted: 0, text: 'x' }], 5), { kind: 'resend', id: 5 }, 'another length');
    assert.deepEqual(edit(6, 'doc', [{ offset: 1.5, deleted: 0, text: 'x' }], 4), { kind: 'resend', id: 6 }, 'not an offset');
    edit(7, 'doc', [{ offset: 3, deleted: 0, text: 'd' }], 4);
    assert.deepEqual(texts, ['abc', 'abcd']);
  });

  it('editedText: each edit applies to the text the ones before it left', () => {
    assert.equal(editedText('hello', [{ offset: 5, deleted: 0, text: '!' }, { offset: 0, deleted: 1, text: 'J' }, { offset: 5, deleted: 1, text: '?' }]), 'Jello?');
    assert.equal(editedText('hello', []), 'hello');
    assert.equal(editedText('hello', [{ offset: 0, deleted: 6, text: '' }]), undefined);
  });

  it('property: a document edited at random, synced now and then by its edits, is the text the worker holds', () => {
    const edit = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), deleted: fc.nat(12), text: fc.string({ maxLength: 8, unit: 'binary' }) });
    // A step is one change event of one or more edits (VS Code's content changes), then maybe a request.
    const step = fc.record({ edits: fc.array(edit, { minLength: 1, maxLength: 3 }), sync: fc.boolean() });
    fc.assert(
      fc.property(fc.string({ maxLength: 40, unit: 'binary' }), fc.array(step, { maxLength: 30 }), fc.integer({ min: 1, max: 8 }), (initial, steps, versionsKept) => {
        const { run, texts } = recording();
        const handle = requestHandler(run);
        const log = new EditLog({ versions: versionsKept, characters: 1 << 20 });
        let text = initial;
        let version = 1;
        handle({ kind: 'analyze', id: 0, key: 'doc', text, options: {} });
        let held = { version, length: text.length };
        for (const [i, { edits: raw, sync }] of steps.entries()) {
          const edits: TextEdit[] = [];
          for (const e of raw) {
            const offset = Math.floor(e.at * text.length);
            const deleted = Math.min(e.deleted, text.length - offset);
            edits.push({ offset, deleted, text: e.text });
            text = text.slice(0, offset) + e.text + text.slice(offset + deleted);
          }
          log.record(++version, edits);
          if (!sync) continue;
          const since = log.between(held.version, version);
          const answer = since
            ? handle({ kind: 'analyze', id: i + 1, key: 'doc', edits: since, length: editedLength(held.length, since), options: {} })
            : handle({ kind: 'analyze', id: i + 1, key: 'doc', text, options: {} });
          assert.equal(answer?.kind, 'analyzed');
          assert.equal(texts.at(-1), text);
          held = { version, length: text.length };
        }
      }),
      { seed: 20261121, numRuns: 500 },
    );
  });
});

describe('worker protocol: hovers are computed in the worker', () => {
  function hoverRequest(text: string, offset: number, id = 1): WorkerRequest {
    return { kind: 'hover', id, key: 'doc', text, offset, options: {} };
  }

  for (const [name, text] of [
    ['d2l-basic (data arrays)', D2L],
    ['dcgan-generator (a chain)', DCGAN],
  ] as const) {
    it(`answers what hoverAt answers with the spec's analysis, at every offset: ${name}`, () => {
      const handle = requestHandler(ANALYSIS_FUNCTIONS);
      handle({ kind: 'analyze', id: 1, key: 'doc', text, options: {} });
      const analysis = analyzeText(text);
      let shown = 0;
      for (const offset of offsets(text)) {
        const answer = handle(hoverRequest(text, offset));
        assert.ok(answer?.kind === 'hovered', JSON.stringify(answer));
        assert.deepEqual(answer.hover ?? undefined, hoverAt(text, analysis, offset), `offset ${offset}`);
        if (answer.hover) shown++;
      }
      assert.ok(shown > 0, 'some offsets have a hover');
    });
  }

  it('shows the data hover from the values the host never receives', () => {
    const offset = D2L.indexOf('[[0, 1]') + 2;
    const answer = requestHandler(ANALYSIS_FUNCTIONS)(hoverRequest(D2L, offset));
    assert.ok(answer?.kind === 'hovered' && answer.hover);
    assert.match(answer.hover.markdown, /\*\*data\*\*/);
    assert.match(answer.hover.markdown, /2×2/);
  });

  it('answers a hover on a text it has not analysed (a restarted worker), the same way', () => {
    const offset = DCGAN.indexOf('"stride"') + 2;
    const expected = hoverAt(DCGAN, analyzeText(DCGAN), offset);
    assert.ok(expected);
    const answer = requestHandler(ANALYSIS_FUNCTIONS)(hoverRequest(`${DCGAN}`, offset));
    assert.deepEqual(answer, { kind: 'hovered', id: 1, hover: expected });
  });

  it('answers null where there is nothing to show', () => {
    assert.deepEqual(requestHandler(ANALYSIS_FUNCTIONS)(hoverRequest('{ not json', 3)), { kind: 'hovered', id: 1, hover: null });
  });
});

/** The analysis with its data values dropped: what the host view should equal. */
function withoutValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutValues);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, (k === 'data' || k === 'output') && v && typeof v === 'object' ? { ref: (v as { ref: unknown }).ref } : withoutValues(v)]));
}

describe('host view: what crosses back to the host', () => {
  it('leaves out the values of data arrays and expected outputs, and keeps everything else', () => {
    const full = analyzeText(D2L);
    const host = analysisForHost(full);
    assert.deepEqual(JSON.parse(JSON.stringify(host)), JSON.parse(JSON.stringify(withoutValues(full))));
    const input = host.spec?.input.data;
    assert.ok(input && !('value' in input), 'input.data keeps its ref, not its value');
    assert.deepEqual(input.ref, full.spec?.input.data?.ref);
    assert.ok(host.spec?.expect?.output && !('value' in host.spec.expect.output));
    assert.ok(host.plan?.layers[0].spec.kernel?.data && !('value' in host.plan.layers[0].spec.kernel.data));
  });

  it('does not touch the analysis the worker keeps', () => {
    const full = analyzeText(D2L);
    const before = JSON.stringify(full);
    lean(full);
    analysisForHost(full);
    assert.equal(JSON.stringify(full), before);
  });

  it('stays small however many numbers the spec holds', () => {
    const data = Array.from({ length: 300 }, (_, i) => Array.from({ length: 300 }, (_, j) => (i * j) % 7));
    const text = specText({ input: { data }, layer: { kernel: { data: [[1, 2], [3, 4]] } }, expect: { output: data } });
    const response = requestHandler(ANALYSIS_FUNCTIONS)({ kind: 'analyze', id: 1, key: 'doc', text, options: {} });
    assert.ok(response?.kind === 'analyzed');
    const bytes = serialize(response).length;
    assert.ok(bytes < 20_000, `${bytes} bytes for a spec of ${text.length} characters`);
    assert.ok(serialize(analyzeText(text)).length > 500_000, 'the full analysis holds the numbers');
  });

  it('gives the Testing view each layer position, as LineIndex would in the host', () => {
    for (const text of [DCGAN, D2L, DCGAN.replace(/\n/g, '\r\n')]) {
      const outcome = verificationForHost(verifyText(text), text);
      const lines = new LineIndex(text);
      const plan = outcome.plan;
      assert.ok(plan && plan.layers.length > 0);
      assert.deepEqual(
        outcome.layerPositions,
        plan.layers.map((l) => lines.positionAt(l.spec.ref.keyOffset ?? l.spec.ref.offset)),
      );
      assert.ok(!('value' in (plan.layers[0].spec.expect?.output ?? {})));
    }
  });

  it('answers a verify request with the host view', () => {
    const response = requestHandler(ANALYSIS_FUNCTIONS)({ kind: 'verify', id: 3, key: 'doc', text: D2L, options: {} });
    assert.ok(response?.kind === 'verified');
    assert.equal(response.outcome.verification?.passed, true);
    assert.equal(response.outcome.layerPositions.length, 1);
    assert.ok(response.outcome.plan?.layers[0].spec.kernel?.data && !('value' in response.outcome.plan.layers[0].spec.kernel.data));
  });
});

describe('RecentAnalyses: the worker keeps its last analyses for hovers', () => {
  function counting(): { analyze: (text: string) => Analysis; calls: string[] } {
    const calls: string[] = [];
    return { calls, analyze: (text) => (calls.push(text), { diagnostics: [], spec: null, plan: null }) };
  }

  it('reuses the analysis of the same text and options, and analyses again otherwise', () => {
    const { analyze, calls } = counting();
    const recent = new RecentAnalyses({ entries: 4, characters: 1000 }, analyze);
    const a = recent.fresh('abc', {});
    assert.equal(recent.get('abc', {}), a);
    assert.equal(recent.get(`ab${'c'}`, {}), a, 'equal text, another string');
    assert.notEqual(recent.get('abc', { maxElements: 1024 }), a);
    assert.deepEqual(calls, ['abc', 'abc']);
  });

  it('analyses again on every analyze request', () => {
    const { analyze, calls } = counting();
    const recent = new RecentAnalyses({ entries: 4, characters: 1000 }, analyze);
    recent.fresh('abc', {});
    recent.fresh('abc', {});
    assert.equal(calls.length, 2);
    assert.equal(recent.size, 1, 'one entry per text');
  });

  it('forgets the oldest past its entry and character limits, but always keeps the newest', () => {
    const { analyze, calls } = counting();
    const recent = new RecentAnalyses({ entries: 2, characters: 10 }, analyze);
    recent.fresh('aaaa', {});
    recent.fresh('bbbb', {});
    recent.fresh('cccc', {});
    assert.equal(recent.size, 2);
    recent.get('bbbb', {});
    recent.get('cccc', {});
    assert.equal(calls.length, 3, 'the two newest are kept');
    recent.get('aaaa', {});
    assert.equal(calls.length, 4, 'the oldest was forgotten');
    recent.fresh('x'.repeat(50), {});
    assert.equal(recent.size, 1, 'a text above the budget is still kept, alone');
  });

  it('forgets everything on clear (the worker got a new translation bundle)', () => {
    const { analyze, calls } = counting();
    const recent = new RecentAnalyses({ entries: 4, characters: 1000 }, analyze);
    recent.fresh('abc', {});
    recent.clear();
    recent.get('abc', {});
    assert.equal(calls.length, 2);
  });
});
