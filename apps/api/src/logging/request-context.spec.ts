import { currentRequestId, requestIdFrom, runInContext } from './request-context';

describe('request ids', () => {
  it('keeps a sane incoming id and replaces anything else with a UUID', () => {
    expect(requestIdFrom('abc-123_x.y:z')).toBe('abc-123_x.y:z');
    expect(requestIdFrom(['first-id', 'second'])).toBe('first-id');
    for (const bad of [undefined, '', 'has space', 'x'.repeat(65), '换行\n', '<script>']) {
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
  });

  it('follows async work inside its context and is absent outside', async () => {
    expect(currentRequestId()).toBeNull();
    const seen = await runInContext({ requestId: 'r-1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      return currentRequestId();
    });
    expect(seen).toBe('r-1');
    expect(currentRequestId()).toBeNull();
  });
});
