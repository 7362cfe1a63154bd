/** The fuzz run's child process: runs one case per message, so a case that crashes takes down only this process. */
import { runCase, type FuzzCase } from './check';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('runWorker needs --expose-gc (run.ts passes it)');

process.on('message', (c: FuzzCase) => {
  // As in the CI suite: a heavy case starts from a collected heap, as an idle worker's would, not from the
  // hundreds of megabytes the property's extra checks of the last heavy case left (it validates a 10 MB paste
  // again without the fast scan, about 150 MB of parser nodes).
  if (c.family.startsWith('heavy')) gc();
  process.send?.(runCase(c));
});
