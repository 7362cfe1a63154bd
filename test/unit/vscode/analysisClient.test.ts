import { strict as assert } from 'node:assert';
import type { AnalysisRequest, AnalysisResponse } from '../../../src/analysis/protocol';
import { AnalysisClient, SupersededError, type WorkerLike } from '../../../src/vscode/analysisClient';

/** A worker the test drives by hand: it records requests and answers only when told. */
class ManualWorker implements WorkerLike {
  readonly received: AnalysisRequest[] = [];
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
  crash() {
    this.failure?.(new Error('boom'));
  }
}

const flush = () => new Promise((r) => setImmediate(r));

describe('AnalysisClient: latest wins, the host never waits on stale work', () => {
  let workers: ManualWorker[];
  let clock: number;
  let client: AnalysisClient;
  beforeEach(() => {
    workers = [];
    clock = 0;
    client = new AnalysisClient(() => {
      const w = new ManualWorker();
      workers.push(w);
      return w;
    }, { cancelAfterMs: 300, now: () => clock });
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
    const workers: ManualWorker[] = [];
    const client = new AnalysisClient(() => {
      const w = new ManualWorker();
      workers.push(w);
      return w;
    }, { cancelAfterMs: 20 });
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
    const workers: ManualWorker[] = [];
    let clock = 0;
    const client = new AnalysisClient(() => {
      const w = new ManualWorker();
      workers.push(w);
      return w;
    }, { cancelAfterMs: 50, warmSpare: true, now: () => clock });
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
