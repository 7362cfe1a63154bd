import { strict as assert } from 'node:assert';
import type { AnalysisRequest, AnalysisResponse, TextEdit } from '../../../src/analysis/protocol';
import { AnalysisClient, SupersededError, type AnalysisClientOptions, type WorkerLike } from '../../../src/vscode/analysisClient';
import { EditLog, type DocumentVersion } from '../../../src/vscode/documentEdits';
import { PART_CHARS } from '../../../src/vscode/documentText';

/** A request as the tests read it: whichever way it names its text. */
type Received = AnalysisRequest & Partial<{ text: string; sameText: true; edits: readonly TextEdit[]; length: number }>;

/** A worker the test drives by hand: it records requests and answers only when told. */
class ManualWorker implements WorkerLike {
  readonly received: Received[] = [];
  terminated = false;
  private listener: ((m: AnalysisResponse) => void) | undefined;
  private failure: ((e: Error) => void) | undefined;
  postMessage(m: AnalysisRequest) {
    this.received.push(m);
  }
  onMessage(l: (m: AnalysisResponse) => void) {
    this.listener = l;
  }
  onFailure(l: (e: Error) => void) {
    this.failure = l;
  }
  terminate() {
    this.terminated = true;
  }
  answer(index = this.received.length - 1) {
    const r = this.received[index];
    this.listener?.({ kind: 'analyzed', id: r.id, analysis: { diagnostics: [], spec: null, plan: null, text: r.text } as never });
  }
  /** Answers a hover request with a hover naming its offset, or with none (null). */
  answerHover(index = this.received.length - 1, none = false) {
    const r = this.received[index];
    assert.equal(r.kind, 'hover');
    const offset = r.kind === 'hover' ? r.offset : -1;
    this.listener?.({ kind: 'hovered', id: r.id, hover: none ? null : { markdown: `at ${offset}`, offset, length: 1 } });
  }
  /** Answers that this worker does not hold the text the request named. */
  answerResend(index = this.received.length - 1) {
    this.listener?.({ kind: 'resend', id: this.received[index].id });
  }
  crash() {
    this.failure?.(new Error('boom'));
  }
}

const flush = () => new Promise((r) => setImmediate(r));

/** A client whose workers are ManualWorkers, listed in `workers` in the order the client started them. */
function manualClient(options: AnalysisClientOptions): { client: AnalysisClient; workers: ManualWorker[] } {
  const workers: ManualWorker[] = [];
  const client = new AnalysisClient(() => {
    const w = new ManualWorker();
    workers.push(w);
    return w;
  }, { cancelAfterMs: 300, ...options });
  return { client, workers };
}

describe('AnalysisClient: latest wins, the host never waits on stale work', () => {
  let workers: ManualWorker[];
  let clock: number;
  let client: AnalysisClient;
  beforeEach(() => {
    clock = 0;
    ({ client, workers } = manualClient({ now: () => clock }));
  });

  it('sends one request at a time and resolves it with the worker answer', async () => {
    const result = client.analyze('a', 'text-1', {});
    assert.equal(workers.length, 1);
    assert.equal(workers[0].received.length, 1);
    workers[0].answer();
    assert.equal(((await result) as unknown as { text: string }).text, 'text-1');
  });

  it('drops a queued request when a newer one for the same document arrives', async () => {
    client.analyze('a', 'v1', {}); // in flight
    const queued = client.analyze('a', 'v2', {});
    const newest = client.analyze('a', 'v3', {});
    await assert.rejects(queued, SupersededError);
    workers[0].answer(0);
    await flush();
    assert.deepEqual(workers[0].received.map((r) => r.text), ['v1', 'v3'], 'v2 never reaches the worker');
    workers[0].answer(1);
    assert.equal(((await newest) as unknown as { text: string }).text, 'v3');
  });

  it('keeps queued requests of other documents', async () => {
    client.analyze('a', 'a1', {});
    const b = client.analyze('b', 'b1', {});
    client.analyze('a', 'a2', {});
    workers[0].answer(0);
    await flush();
    assert.equal(workers[0].received[1].text, 'b1');
    workers[0].answer(1);
    await b;
  });

  it('restarts a worker stuck on an outdated request once a newer one waits past the limit', async () => {
    const stale = client.analyze('a', 'huge', {});
    clock = 1000;
    const fresh = client.analyze('a', 'small', {});
    await assert.rejects(stale, SupersededError);
    assert.equal(workers[0].terminated, true);
    assert.equal(workers.length, 2);
    assert.equal(workers[1].received[0].text, 'small');
    workers[1].answer();
    await fresh;
  });

  it('does not restart for a request that has only just started', async () => {
    client.analyze('a', 'v1', {});
    clock = 100;
    client.analyze('a', 'v2', {});
    assert.equal(workers.length, 1);
    assert.equal(workers[0].terminated, false);
  });

  it('recovers from a crashed worker: the request in flight fails, the next one gets a new worker', async () => {
    const first = client.analyze('a', 'v1', {});
    const second = client.analyze('b', 'b1', {});
    workers[0].crash();
    await assert.rejects(first, /analysis worker stopped: boom/);
    assert.equal(workers.length, 2);
    workers[1].answer();
    await second;
  });

  it('ignores answers from a worker it already terminated', async () => {
    client.analyze('a', 'huge', {}).catch(() => undefined);
    clock = 1000;
    const fresh = client.analyze('a', 'small', {});
    workers[0].answer(0); // the old worker answers late
    let settled = false;
    void fresh.then(() => (settled = true));
    await flush();
    assert.equal(settled, false, 'a terminated worker must not settle the new request');
    workers[1].answer();
    await fresh;
  });

  it('rejects everything once disposed', async () => {
    const pending = client.analyze('a', 'v1', {});
    client.dispose();
    await assert.rejects(pending, SupersededError);
    await assert.rejects(client.analyze('a', 'v2', {}), SupersededError);
  });
});

describe('AnalysisClient: cancels an outdated request at the limit even without another keystroke', () => {
  it('restarts the worker when the waiting request has waited past the limit', async () => {
    const { client, workers } = manualClient({ cancelAfterMs: 20 });
    const stale = client.analyze('a', 'huge', {});
    const fresh = client.analyze('a', 'small', {});
    await assert.rejects(stale, SupersededError);
    assert.equal(workers[0].terminated, true);
    assert.equal(workers[1].received[0].text, 'small');
    workers[1].answer();
    await fresh;
    client.dispose();
  });
});

describe('AnalysisClient: a warm spare worker makes cancelling cheap', () => {
  it('starts a spare next to the first worker, warms it, and swaps it in on a restart', async () => {
    let clock = 0;
    const { client, workers } = manualClient({ cancelAfterMs: 50, warmSpare: true, now: () => clock });
    const stale = client.analyze('a', 'huge', {});
    assert.equal(workers.length, 2, 'the current worker and a spare');
    assert.equal(workers[1].received.length, 1, 'the spare got a warm-up request');
    workers[1].answer(); // the warm-up answer is dropped: the spare is not the current worker
    clock = 100;
    const fresh = client.analyze('a', 'small', {});
    await assert.rejects(stale, SupersededError);
    assert.equal(workers[1].received[1].text, 'small', 'the spare took over at once');
    assert.equal(workers.length, 3, 'and a new spare is warming up');
    workers[1].answer(1);
    assert.equal(((await fresh) as unknown as { text: string }).text, 'small');
    client.dispose();
    assert.ok(workers.every((w) => w.terminated));
  });
});

describe('AnalysisClient: hovers are answered by the worker', () => {
  let workers: ManualWorker[];
  let clock: number;
  let client: AnalysisClient;
  beforeEach(() => {
    clock = 0;
    ({ client, workers } = manualClient({ now: () => clock }));
  });
  afterEach(() => client.dispose());

  it('sends the text, the offset and the options, and resolves with the worker hover', async () => {
    const hover = client.hover('a', 'text', 3, { maxElements: 1024 });
    assert.deepEqual(workers[0].received[0], { kind: 'hover', id: 1, key: 'a', text: 'text', offset: 3, options: { maxElements: 1024 } });
    workers[0].answerHover();
    assert.deepEqual(await hover, { markdown: 'at 3', offset: 3, length: 1 });
  });

  it('resolves with undefined where the worker has nothing to show', async () => {
    const hover = client.hover('a', 'text', 0, {});
    workers[0].answerHover(0, true);
    assert.equal(await hover, undefined);
  });

  it('queues behind the analysis of the same document, which it does not replace', async () => {
    const analysis = client.analyze('a', 'v1', {});
    const hover = client.hover('a', 'v1', 1, {});
    assert.equal(workers[0].received.length, 1, 'one request at a time');
    workers[0].answer(0);
    await analysis;
    await flush();
    assert.equal(workers[0].received[1].kind, 'hover', 'the worker that analysed the text answers the hover');
    workers[0].answerHover(1);
    assert.equal((await hover)?.offset, 1);
  });

  it('latest wins: a queued hover is dropped when a newer hover of the same document arrives', async () => {
    client.analyze('a', 'v1', {}); // in flight
    const older = client.hover('a', 'v1', 1, {});
    const otherDocument = client.hover('b', 'w1', 2, {});
    const newer = client.hover('a', 'v1', 5, {});
    await assert.rejects(older, SupersededError);
    workers[0].answer(0);
    await flush();
    workers[0].answerHover(1);
    await otherDocument;
    await flush();
    assert.deepEqual(workers[0].received.map((r) => (r.kind === 'hover' ? r.offset : r.kind)), ['analyze', 2, 5], 'the hover at 1 never reaches the worker');
    workers[0].answerHover(2);
    assert.equal((await newer)?.offset, 5);
  });

  it('never restarts the worker for a hover, however long it runs (the worker keeps the analysis it needs)', async () => {
    const first = client.hover('a', 'huge', 1, {});
    clock = 10_000;
    const second = client.hover('a', 'huge', 2, {});
    await flush();
    assert.equal(workers.length, 1);
    assert.equal(workers[0].terminated, false);
    workers[0].answerHover(0);
    assert.equal((await first)?.offset, 1, 'the hover in flight still gets its answer');
    await flush();
    workers[0].answerHover(1);
    assert.equal((await second)?.offset, 2);
  });

  it('still cancels an outdated analysis past the limit', async () => {
    const stale = client.analyze('a', 'huge', {});
    clock = 1000;
    client.analyze('a', 'small', {}).catch(() => undefined);
    await assert.rejects(stale, SupersededError);
    assert.equal(workers[0].terminated, true);
  });
});

describe('AnalysisClient: a large text goes in parts, one message per turn', () => {
  /** Turns the test releases one by one. */
  function manualTurns() {
    const waiting: (() => void)[] = [];
    return {
      nextTurn: () => new Promise<void>((resolve) => waiting.push(resolve)),
      async release(n = 1) {
        for (let i = 0; i < n; i++) {
          waiting.shift()?.();
          await flush();
        }
      },
      get pending() {
        return waiting.length;
      },
    };
  }

  let workers: ManualWorker[];
  let turns: ReturnType<typeof manualTurns>;
  let clock: number;
  let client: AnalysisClient;
  beforeEach(() => {
    turns = manualTurns();
    clock = 0;
    ({ client, workers } = manualClient({ now: () => clock, nextTurn: turns.nextTurn }));
  });
  afterEach(() => client.dispose());

  /** `text` analysed under key "a" and answered: the worker now holds it. */
  async function analysedWhole(text: string): Promise<void> {
    client.analyze('a', text, {});
    workers[0].answer(workers[0].received.length - 1);
    await flush();
  }

  it('sends the leading parts, one per turn, then the request with the last part', async () => {
    const result = client.analyze('a', ['ab', 'cd', 'ef'], {});
    const sent = () => (workers[0].received as unknown as { kind: string; text: string }[]).map((m) => `${m.kind}:${m.text}`);
    assert.deepEqual(sent(), ['part:ab']);
    await turns.release();
    assert.deepEqual(sent(), ['part:ab', 'part:cd']);
    await turns.release();
    assert.deepEqual(sent(), ['part:ab', 'part:cd', 'analyze:ef']);
    workers[0].answer(2);
    assert.equal(((await result) as unknown as { text: string }).text, 'ef');
  });

  it('cuts a long string into parts itself', async () => {
    const long = 'x'.repeat((1 << 20) + 5);
    client.analyze('a', long, {}).catch(() => undefined);
    await turns.release();
    const sent = workers[0].received as unknown as { kind: string; text: string }[];
    assert.deepEqual(sent.map((m) => [m.kind, m.text.length]), [['part', 1 << 20], ['analyze', 5]]);
  });

  it('stops sending the parts of a request that was cancelled, and the next request goes whole to the new worker', async () => {
    const stale = client.analyze('a', ['p1', 'p2', 'p3'], {});
    clock = 1000;
    const fresh = client.analyze('a', 'small', {});
    await assert.rejects(stale, SupersededError);
    await turns.release(turns.pending);
    assert.deepEqual((workers[0].received as unknown as { kind: string }[]).map((m) => m.kind), ['part'], 'nothing more to the old worker');
    assert.equal(workers[1].received[0].text, 'small');
    workers[1].answer(0);
    await fresh;
  });

  it('sends a text once per worker: later requests on the same version name it with sameText', async () => {
    const parts = ['ab', 'cd', 'ef'];
    const analysed = client.analyze('a', parts, {});
    await turns.release(2);
    workers[0].answer(2);
    await analysed;
    const hover = client.hover('a', parts, 1, {});
    await flush();
    const [, , , request] = workers[0].received;
    assert.deepEqual({ ...request, id: 0 }, { kind: 'hover', id: 0, key: 'a', sameText: true, offset: 1, options: {} });
    assert.equal(workers[0].received.length, 4, 'no part was sent again');
    workers[0].answerHover(3);
    assert.deepEqual(await hover, { markdown: 'at 1', offset: 1, length: 1 });
  });

  it('sends a changed text, and a text for another key, whole', async () => {
    await analysedWhole('v1');
    await analysedWhole('v2');
    client.hover('b', 'v2', 0, {});
    await flush();
    assert.deepEqual(workers[0].received.map((r) => [r.key, r.text, r.sameText ?? false]), [['a', 'v1', false], ['a', 'v2', false], ['b', 'v2', false]]);
  });

  it('sends the text whole again when the worker answers that it no longer holds it', async () => {
    await analysedWhole('v1');
    const hover = client.hover('a', 'v1', 0, {});
    await flush();
    assert.equal(workers[0].received[1].sameText, true);
    workers[0].answerResend(1);
    await flush();
    assert.deepEqual([workers[0].received[2].text, workers[0].received[2].sameText], ['v1', undefined]);
    workers[0].answerHover(2);
    assert.deepEqual(await hover, { markdown: 'at 0', offset: 0, length: 1 });
  });

  it('a request that must be sent again gives way to a newer one of the same kind and key', async () => {
    await analysedWhole('v1');
    const stale = client.hover('a', 'v1', 0, {});
    await flush();
    const newer = client.hover('a', 'v2', 5, {});
    workers[0].answerResend(1);
    await assert.rejects(stale, SupersededError);
    await flush();
    assert.equal(workers[0].received[2].text, 'v2');
    workers[0].answerHover(2);
    assert.deepEqual(await newer, { markdown: 'at 5', offset: 5, length: 1 });
  });

  it('a new worker gets every text whole again', async () => {
    await analysedWhole('v1');
    client.hover('a', 'v1', 0, {}).catch(() => undefined);
    workers[0].crash();
    await flush();
    client.hover('a', 'v1', 0, {}).catch(() => undefined);
    await flush();
    assert.equal(workers.length, 2);
    assert.deepEqual(workers[1].received.map((r) => [r.text, r.sameText]), [['v1', undefined]]);
  });
});

let documents = 0;

/** An open document as specText.ts presents it: its versions, a log of its edits, and how often it was read whole. */
class FakeDocument {
  readonly id = ++documents;
  version = 1;
  reads = 0;
  /** Set to make the next reads asynchronous, as documentText is for a large document. */
  readAsync: Promise<void> | undefined;
  readonly log = new EditLog();

  constructor(public text: string) {}

  edit(offset: number, deleted: number, inserted: string): void {
    this.text = this.text.slice(0, offset) + inserted + this.text.slice(offset + deleted);
    this.version++;
    this.log.record(this.version, [{ offset, deleted, text: inserted }]);
  }

  /** The document as it is now. */
  now(): DocumentVersion {
    const { version, text } = this;
    const read = () => {
      this.reads++;
      return this.version === version ? text : undefined;
    };
    return {
      document: this.id,
      version,
      read: () => (this.readAsync ? this.readAsync.then(read) : read()),
      editsFrom: (from) => this.log.between(from, version),
    };
  }
}

describe('AnalysisClient: after an edit, the worker gets the edits, not the document again', () => {
  let workers: ManualWorker[];
  let client: AnalysisClient;
  beforeEach(() => {
    ({ client, workers } = manualClient({ now: () => 0 }));
  });
  afterEach(() => client.dispose());

  async function analysed(doc: FakeDocument, key = 'a'): Promise<Received> {
    const result = client.analyze(key, doc.now(), {});
    await flush();
    const sent = workers.at(-1)!.received.at(-1)!;
    workers.at(-1)!.answer();
    await result;
    return sent;
  }

  it('reads the document once; later versions go as their edits with the new length', async () => {
    const doc = new FakeDocument('{"input": {"shape": [2, 2]}}');
    assert.equal((await analysed(doc)).text, doc.text);
    doc.edit(20, 1, '4');
    doc.edit(23, 1, '64');
    const sent = await analysed(doc);
    assert.deepEqual([sent.text, sent.edits, sent.length], [undefined, [{ offset: 20, deleted: 1, text: '4' }, { offset: 23, deleted: 1, text: '64' }], doc.text.length]);
    doc.edit(0, 0, ' ');
    assert.deepEqual((await analysed(doc)).edits, [{ offset: 0, deleted: 0, text: ' ' }], 'only the edits since the last request');
    assert.equal(doc.reads, 1);
    assert.deepEqual(client.traffic, { whole: 1, edits: 2, same: 0 });
  });

  it('a hover on the version just analysed names it (sameText), without reading the document', async () => {
    const doc = new FakeDocument('{"layer": {}}');
    await analysed(doc);
    const hover = client.hover('a', doc.now(), 3, {});
    await flush();
    assert.equal(workers[0].received[1].sameText, true);
    workers[0].answerHover(1);
    assert.deepEqual(await hover, { markdown: 'at 3', offset: 3, length: 1 });
    assert.equal(doc.reads, 1);
  });

  it('reads the document whole when the log lacks an edit, for a reopened document, and for a new worker', async () => {
    const doc = new FakeDocument('abc');
    await analysed(doc);
    doc.version += 5; // versions the log never saw
    doc.edit(0, 1, 'x');
    assert.equal((await analysed(doc)).text, 'xbc');
    const reopened = new FakeDocument('xbc!');
    assert.equal((await analysed(reopened)).text, 'xbc!', 'the same key, another document');
    client.analyze('a', reopened.now(), {}).catch(() => undefined);
    workers[0].crash();
    await flush();
    reopened.edit(4, 0, '?');
    const fresh = client.analyze('a', reopened.now(), {});
    await flush();
    assert.equal(workers.length, 2);
    assert.equal(workers[1].received[0].text, 'xbc!?');
    workers[1].answer();
    await fresh;
  });

  it('sends the document whole when the worker cannot apply the edits (resend)', async () => {
    const doc = new FakeDocument('0123456789');
    await analysed(doc);
    doc.edit(5, 5, '');
    const result = client.analyze('a', doc.now(), {});
    await flush();
    assert.deepEqual(workers[0].received[1].edits, [{ offset: 5, deleted: 5, text: '' }]);
    workers[0].answerResend(1);
    await flush();
    assert.equal(workers[0].received[2].text, '01234');
    workers[0].answer(2);
    await result;
    assert.equal(doc.reads, 2);
  });

  it('a request still reading its document gives way to a newer one without restarting the worker', async () => {
    const doc = new FakeDocument('v1');
    let release = () => {};
    doc.readAsync = new Promise<void>((resolve) => (release = resolve));
    const stale = client.analyze('a', doc.now(), {});
    doc.edit(1, 1, '2');
    doc.readAsync = undefined;
    const fresh = client.analyze('a', doc.now(), {});
    await assert.rejects(stale, SupersededError);
    await flush();
    assert.deepEqual(workers[0].received.map((r) => r.text), ['v2']);
    release();
    await flush();
    assert.equal(workers.length, 1, 'the worker was not restarted');
    assert.equal(workers[0].terminated, false);
    workers[0].answer(0);
    await fresh;
  });

  it('a document that changed while it was read: the request is superseded and the next one runs', async () => {
    const doc = new FakeDocument('v1');
    let release = () => {};
    doc.readAsync = new Promise<void>((resolve) => (release = resolve));
    const stale = client.analyze('a', doc.now(), {});
    const other = client.analyze('b', 'another text', {});
    doc.edit(1, 1, '2');
    release();
    await assert.rejects(stale, SupersededError);
    await flush();
    assert.deepEqual(workers[0].received.map((r) => r.text), ['another text']);
    workers[0].answer(0);
    await other;
  });

  it('an edit inserting more than a part (a large paste) goes as the text, in parts, never as one message', async () => {
    const doc = new FakeDocument('{"data": []}');
    await analysed(doc);
    doc.edit(10, 0, '1, '.repeat(PART_CHARS / 2));
    const result = client.analyze('a', doc.now(), {});
    await new Promise((r) => setTimeout(r, 20));
    const sent = workers[0].received.slice(1) as unknown as { kind: string; text?: string; edits?: unknown }[];
    assert.deepEqual(sent.map((m) => [m.kind, m.edits]), [['part', undefined], ['analyze', undefined]], '1.5M characters: two parts');
    assert.equal(sent.map((m) => m.text).join(''), doc.text);
    workers[0].answer();
    await result;
    doc.edit(0, 0, ' ');
    assert.deepEqual((await analysed(doc)).edits, [{ offset: 0, deleted: 0, text: ' ' }], 'then edits again');
  });

  it('keeps each key apart: the preview of a document gets the edits since the preview last saw it', async () => {
    const doc = new FakeDocument('abcdef');
    await analysed(doc, 'a');
    await analysed(doc, 'preview:a');
    doc.edit(0, 1, 'A');
    await analysed(doc, 'a');
    doc.edit(1, 1, 'B');
    assert.deepEqual((await analysed(doc, 'preview:a')).edits, [{ offset: 0, deleted: 1, text: 'A' }, { offset: 1, deleted: 1, text: 'B' }]);
    assert.deepEqual((await analysed(doc, 'a')).edits, [{ offset: 1, deleted: 1, text: 'B' }]);
  });
});
