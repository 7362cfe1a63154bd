/**
 * `npm run fuzz`: the long fuzz run (100,000 cases by default, heavy cases included).
 *
 *   tsx test/fuzz/run.ts [--seed N | N] [--cases N] [--heavy W]
 *   tsx test/fuzz/run.ts --replay test/fuzz/failures/<hash>.tconv.json
 *
 * The seed is printed first; passing it again reproduces the run. Cases run in a child process (the editor
 * runs them in a worker), so a case that exhausts memory, crashes V8 or never ends is recorded as a failure
 * instead of taking the run down. Every failing input is saved as test/fuzz/failures/<hash>.tconv.json
 * (the exact text) next to <hash>.case.json (the errors, the seed, the case's options). Exits 1 on any failure.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fork, type ChildProcess } from 'node:child_process';
import fc from 'fast-check';
import { caseArbitrary, DEFAULT_WEIGHTS } from './cases';
import { runCase, type CaseResult, type FuzzCase } from './check';
import { loadExamples } from './mutations';
import { FuzzStats, SLOW_CASE_MS } from './stats';

const FAILURES_DIR = join(__dirname, 'failures');
/** Cases over the time target, outside the repository (test-results/ is ignored). */
const SLOW_DIR = join(__dirname, '../../test-results/fuzz-slow');
/** The child's JS heap; a case that needs more is a failure ("out of memory"). */
const CHILD_HEAP_MB = 2048;
/** A hang watchdog, not a speed target: only a case stuck for this long is reported (as "never finished"). */
const WATCHDOG_MS = 5 * 60_000;

interface Args {
  seed: number;
  cases: number;
  heavy: number;
  replay?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { seed: Math.floor(Math.random() * 2 ** 31), cases: 100_000, heavy: 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a.startsWith('--seed')) args.seed = Number(value());
    else if (a.startsWith('--cases')) args.cases = Number(value());
    else if (a.startsWith('--heavy')) args.heavy = Number(value());
    else if (a.startsWith('--replay')) args.replay = value();
    else if (/^\d+$/.test(a)) args.seed = Number(a);
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.seed) || !Number.isInteger(args.cases) || args.cases < 1)
    throw new Error('--seed and --cases take integers');
  return args;
}

function save(dir: string, c: FuzzCase, result: CaseResult, seed: number, index: number): string {
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(c.text).digest('hex').slice(0, 16);
  const input = join(dir, `${hash}.tconv.json`);
  writeFileSync(input, c.text);
  const meta = {
    family: c.family,
    seed,
    index,
    memoryBudget: c.memoryBudget,
    hovers: c.hovers,
    perturb: c.perturb,
    stale: c.stale,
    failures: result.failures,
    pipelineMs: result.pipelineMs,
  };
  writeFileSync(join(dir, `${hash}.case.json`), `${JSON.stringify(meta, null, 2)}\n`);
  return input;
}

function replay(path: string): number {
  const text = readFileSync(path, 'utf8');
  const metaPath = path.replace(/\.tconv\.json$/, '.case.json');
  const meta = existsSync(metaPath) ? (JSON.parse(readFileSync(metaPath, 'utf8')) as Partial<FuzzCase>) : {};
  const result = runCase({
    family: meta.family ?? 'replay',
    text,
    hovers: meta.hovers ?? [0, 0.5, 1],
    memoryBudget: meta.memoryBudget,
    perturb: meta.perturb,
    stale: meta.stale,
  });
  console.log(`${path}: ${result.failures.length === 0 ? 'passes now' : 'FAILS'} (${result.pipelineMs.toFixed(1)} ms)`);
  for (const f of result.failures) console.log(`  - ${f}`);
  return result.failures.length === 0 ? 0 : 1;
}

/** One child process at a time; replaced when a case kills it. */
class CaseRunner {
  private child: ChildProcess | undefined;
  private pending: ((r: CaseResult) => void) | undefined;

  private start(): ChildProcess {
    const child = fork(join(__dirname, 'runWorker.ts'), [], {
      execArgv: [...process.execArgv, '--expose-gc', `--max-old-space-size=${CHILD_HEAP_MB}`],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    // Events of a child already replaced are ignored.
    child.on('message', (r: CaseResult) => this.child === child && this.settle(r));
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      const last = stderr
        .split('\n')
        .filter((l) => /error|memory|fatal/i.test(l))
        .slice(-3)
        .join(' / ');
      this.crash(`the process running the case died (${signal ?? `exit code ${code}`})${last ? `: ${last}` : ''}`);
    });
    return child;
  }

  private settle(r: CaseResult): void {
    const resolve = this.pending;
    this.pending = undefined;
    resolve?.(r);
  }

  private crash(reason: string): void {
    this.child = undefined;
    this.settle({
      failures: [reason],
      pipelineMs: NaN,
      ms: NaN,
      validateMs: NaN,
      arrayBuffersDelta: 0,
      heapUsedAfter: 0,
      rssAfter: 0,
      clean: false,
      evaluated: false,
      verifications: { passed: 0, failed: 0, notRun: 0, failedNames: [] },
      codes: [],
    });
  }

  run(c: FuzzCase): Promise<CaseResult> {
    this.child ??= this.start();
    const child = this.child;
    return new Promise((resolve) => {
      const watchdog = setTimeout(() => {
        if (this.child === child) this.crash(`never finished: stopped after ${WATCHDOG_MS / 1000} s`);
        child.kill('SIGKILL');
      }, WATCHDOG_MS);
      this.pending = (r) => {
        clearTimeout(watchdog);
        resolve(r);
      };
      child.send(c);
    });
  }

  close(): void {
    const child = this.child;
    this.child = undefined;
    child?.disconnect();
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.replay) return replay(args.replay);
  console.log(
    `fuzz: seed ${args.seed}, ${args.cases} cases (reproduce with: npm run fuzz -- --seed ${args.seed} --cases ${args.cases})`,
  );
  const examples = loadExamples();
  // Weights scaled by 10, so heavy cases (weight 1) are about one in a thousand.
  const w = DEFAULT_WEIGHTS;
  const arbitrary = caseArbitrary(examples, {
    spec: w.spec * 10,
    mutation: w.mutation * 10,
    bigShape: w.bigShape * 10,
    sizeCap: w.sizeCap * 10,
    heavy: args.heavy,
  });
  const runner = new CaseRunner();
  const stats = new FuzzStats();
  const saved: string[] = [];
  const slow: string[] = [];
  const started = performance.now();
  let index = 0;
  let lastReport = started;
  await fc.check(
    fc.asyncProperty(arbitrary, async (c) => {
      const result = await runner.run(c);
      // A heavy case's extra checks parse its text again without the fast scan (a 10 MB paste: 150 MB of parser
      // nodes, half a second, code V8 optimised for a path the product never takes); a new process takes the
      // next case, so that work, which nobody waits for, does not weigh on it. Heavy cases themselves start in a
      // process warmed by ordinary cases, as an editor's worker would be.
      if (c.family.startsWith('heavy')) runner.close();
      stats.add(c, result);
      if (result.failures.length > 0) {
        const path = save(FAILURES_DIR, c, result, args.seed, index);
        saved.push(path);
        console.log(
          `FAIL #${index} [${c.family}] → ${path}\n${result.failures.map((f) => `  - ${f.split('\n').join('\n    ')}`).join('\n')}`,
        );
      }
      // Over the time target: kept (outside the repository) so the case can be replayed and profiled.
      if (result.failures.length === 0 && result.pipelineMs > SLOW_CASE_MS)
        slow.push(save(SLOW_DIR, c, result, args.seed, index));
      index++;
      const now = performance.now();
      if (now - lastReport > 15_000) {
        lastReport = now;
        console.log(`  … ${index} cases, ${stats.failed} failed, ${((now - started) / 1000).toFixed(0)} s`);
      }
      return true;
    }),
    { seed: args.seed, numRuns: args.cases },
  );
  runner.close();
  console.log(stats.details().join('\n'));
  console.log(stats.summaryLine(args.seed, performance.now() - started));
  if (saved.length > 0) console.log(`${saved.length} failing input(s) saved under ${FAILURES_DIR}`);
  if (slow.length > 0)
    console.log(
      `${slow.length} input(s) over ${SLOW_CASE_MS} ms saved under ${SLOW_DIR} (replay: npm run fuzz -- --replay <file>)`,
    );
  return stats.failed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(e);
    process.exitCode = 2;
  },
);
