/**
 * Preloaded into the worker child by `pnpm bench deadlines` (never by the app itself): the worker's
 * event-loop delay, so a late deadline can be told apart from a loop that was busy elsewhere.
 * Over the child's IPC channel: {type: 'eld-reset'} → {type: 'eld-reset'} (starts it), and
 * {type: 'eld-read'} → {type: 'eld', p50, p99, max} in milliseconds.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

// Off until the first phase asks (eld-reset): its 5 ms timer would count in the worker's CPU at rest.
const histogram = monitorEventLoopDelay({ resolution: 5 });

process.on('message', (message: { type?: string }) => {
  if (message?.type === 'eld-reset') {
    histogram.enable();
    histogram.reset();
    process.send?.({ type: 'eld-reset' });
  } else if (message?.type === 'eld-read') {
    const ms = (ns: number) => ns / 1e6;
    process.send?.({ type: 'eld', p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) });
  }
});
// The channel must not keep the worker alive once Nest has shut it down.
process.channel?.unref();
