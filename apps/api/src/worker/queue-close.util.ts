import type { EventEmitter } from 'node:events';
import type { Queue } from 'bullmq';

/** How long a closing process waits for a queue still connecting before closing it anyway. */
const READY_BUDGET_MS = 2000;

/**
 * Closes BullMQ queues without an "Unhandled error" after the fact. A queue connects in the
 * background from its constructor; closed while that is still running (a boot refused by a check,
 * a shutdown while Redis is away), BullMQ drops its connection's error listeners and then the
 * abandoned connect fails and emits 'error' to nobody, which Node turns into an unhandled
 * rejection (seen in CI on a refused production boot). So: give the connect a short while to
 * finish, close, and leave a listener on the connection for a connect that fails later.
 */
export async function closeQueues(queues: Queue[]): Promise<void> {
  await Promise.all(
    queues.map(async (queue) => {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        queue.waitUntilReady().catch(() => undefined),
        new Promise((resolve) => (timer = setTimeout(resolve, READY_BUDGET_MS))),
      ]);
      clearTimeout(timer);
      await queue.close().catch(() => undefined);
      // `connection` is protected in BullMQ's typings; its init rejection is what needs a listener.
      (queue as unknown as { connection?: EventEmitter }).connection?.on('error', () => undefined);
    }),
  );
}
