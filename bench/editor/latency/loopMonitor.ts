/** The client's longest event-loop block over some work: monitorEventLoopDelay, resolution 1 ms. */
import { monitorEventLoopDelay } from 'node:perf_hooks';

export interface LoopMonitor {
  /** Stops the histogram; its longest delay (ms). */
  stop(): number;
}

/** Started a few turns before the work: the histogram records from its second tick on, so a block at once would go unseen. */
export async function monitorLoop(): Promise<LoopMonitor> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  await new Promise((r) => setTimeout(r, 3));
  return {
    stop() {
      histogram.disable();
      return histogram.max / 1e6;
    },
  };
}
