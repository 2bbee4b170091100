import { ago, elapsed } from './format.util';

describe('format', () => {
  const now = new Date('2026-03-05T10:00:00Z');
  it('says how long ago in Chinese', () => {
    expect(ago('2026-03-05T09:59:40Z', now)).toBe('刚刚');
    expect(ago('2026-03-05T09:55:00Z', now)).toBe('5分钟前');
    expect(ago('2026-03-05T07:00:00Z', now)).toBe('3小时前');
    expect(ago('2026-03-03T09:00:00Z', now)).toBe('2天前');
  });
  it('has no span under a minute', () => {
    expect(elapsed('2026-03-05T09:59:40Z', now)).toBeNull();
  });
});
