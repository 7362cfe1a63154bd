/** The fuzz run's child process: runs one case per message, so a case that crashes takes down only this process. */
import { runCase, type FuzzCase } from './check';

process.on('message', (c: FuzzCase) => {
  process.send?.(runCase(c));
});
