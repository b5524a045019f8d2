/**
 * Loaded into the server process of the soak run (`node --import
 * ./bench/soak-probe.ts server/main.ts`): every two seconds it sends the
 * bench its memory and how late its event loop ran, over the IPC channel
 * the bench opened. It changes nothing in the server.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

if (process.send) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  setInterval(() => {
    const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
    process.send?.({
      probe: { rss, heapUsed, heapTotal, external, loopDelayP99Ms: delay.percentile(99) / 1e6, at: Date.now() },
    });
    delay.reset();
  }, 2_000).unref();
}
