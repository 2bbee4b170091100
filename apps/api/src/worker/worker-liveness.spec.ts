import { staleAfterMs, WorkerLiveness } from './worker-liveness';

describe('WorkerLiveness', () => {
  const loops = [
    { queue: 'deadlines', running: true },
    { queue: 'reports', running: true },
  ];

  it('is 503 until the first beat, 200 while beats are fresh, 503 once they are stale', () => {
    let now = 1_000_000;
    const live = new WorkerLiveness(3000, () => now);
    expect(live.report(loops).status).toBe(503);
    live.beat('sweep');
    now += 2999;
    const fresh = live.report(loops);
    expect(fresh.status).toBe(200);
    expect(JSON.parse(fresh.body)).toMatchObject({ status: 'ok', lastBeatMsAgo: 2999, lastSweepMsAgo: 2999, lastJobMsAgo: null });
    now += 2;
    expect(JSON.parse(live.report(loops).body).status).toBe('stale');
    live.beat('tick');
    expect(live.report(loops).status).toBe(200);
  });

  it('is 503 at once when one of its BullMQ workers stopped, however fresh the beat', () => {
    const live = new WorkerLiveness(3000, () => 5);
    live.beat('job');
    const stopped = live.report([{ queue: 'deadlines', running: false }, ...loops.slice(1)]);
    expect(stopped.status).toBe(503);
    expect(JSON.parse(stopped.body).status).toBe('stopped');
  });

  it('goes stale after five sweep intervals, never sooner than 3 s', () => {
    expect(staleAfterMs(2000)).toBe(10_000);
    expect(staleAfterMs(300)).toBe(3000);
  });
});
