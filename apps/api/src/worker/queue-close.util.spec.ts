import { Queue } from 'bullmq';
import { closeQueues } from './queue-close.util';
import { redisOptions } from './redis-connection';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Jest fails a test on an error emitted to nobody ("Unhandled error. (Error: Stream isn't
 * writeable …)"), which is what `queue.close()` alone left behind in ~1 of 10 closes made 0–9 ms
 * after the queue was created (the CI failure of a refused production boot, reproduced this way).
 */
describe('closeQueues', () => {
  const liveRedis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/9';

  it('closes queues at every point of their background connect without an error reaching nobody', async () => {
    let closed = 0;
    for (let i = 0; i < 60; i++) {
      const queue = new Queue('close-race', { connection: redisOptions(liveRedis, 'producer') });
      queue.on('error', () => undefined);
      await sleep(i % 10);
      await closeQueues([queue]);
      closed += 1;
    }
    await sleep(300); // a late connect failure would surface here
    expect(closed).toBe(60);
  });

  it('closes a queue whose Redis is away within its bounded wait', async () => {
    // A loopback port nothing listens on: the connect never finishes.
    const queue = new Queue('close-race', { connection: redisOptions('redis://127.0.0.1:1/0', 'producer') });
    queue.on('error', () => undefined);
    const started = Date.now();
    await closeQueues([queue]);
    await sleep(300);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
