import { summariseBody } from './audit-redact.util';

describe('summariseBody', () => {
  it('replaces passwords, codes and tokens at any depth, keeps the rest', () => {
    expect(summariseBody({ username: 'li', newPassword: 'secret-123456', code: 'ABCD-EFGH', nested: { apiKey: 'k', token: 't', name: '李' } })).toEqual({
      username: 'li', newPassword: '***', code: '***', nested: { apiKey: '***', token: '***', name: '李' },
    });
  });

  it('cuts long strings, drops NUL bytes and bounds the whole', () => {
    const s = summariseBody({ note: `a\u0000b${'长'.repeat(500)}` }) as { note: string };
    expect(s.note.startsWith('ab')).toBe(true);
    expect(s.note.length).toBe(201);
    const big = summariseBody({ items: Array.from({ length: 50 }, (_, i) => ({ n: i, text: 'x'.repeat(150) })) }) as { truncated: boolean; preview: string };
    expect(big.truncated).toBe(true);
    expect(big.preview.length).toBe(4000);
  });

  it('names no body as null', () => {
    expect(summariseBody(undefined)).toBeNull();
    expect(summariseBody(null)).toBeNull();
  });
});
