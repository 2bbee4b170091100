import { keysetPage, pageLimitSql } from './keyset-page.util';

describe('keyset pages', () => {
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: 100 - i }));

  it('asks for one row more than the page, as a whole number written into the text', () => {
    expect(pageLimitSql(20)).toBe('LIMIT 21');
    expect(pageLimitSql(20.7)).toBe('LIMIT 21');
  });

  it('gives the last row’s cursor only when the extra row came back', () => {
    expect(keysetPage(rows(21), 20, (r) => r.id)).toEqual({ page: rows(20), nextCursor: 81 });
    expect(keysetPage(rows(20), 20, (r) => r.id)).toEqual({ page: rows(20), nextCursor: null });
    expect(keysetPage(rows(3), 20, (r) => r.id)).toEqual({ page: rows(3), nextCursor: null });
    expect(keysetPage([], 20, (r: { id: number }) => r.id)).toEqual({ page: [], nextCursor: null });
  });
});
