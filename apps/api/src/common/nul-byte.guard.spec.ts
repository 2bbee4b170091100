import { findNul } from './nul-byte.guard';

describe('findNul', () => {
  it('names the first field holding U+0000, nested and in arrays', () => {
    expect(findNul({ description: 'ok', location: { address: '6号楼\u00002单元' } })).toBe('location.address');
    expect(findNul({ photos: ['a', 'b\u0000'] })).toBe('photos[1]');
    expect(findNul({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(findNul('\u0000')).toBe('');
  });

  it('finds nothing in clean input, numbers and null', () => {
    expect(findNul({ a: 1, b: null, c: [true, '井盖'], d: undefined })).toBeNull();
    expect(findNul(undefined)).toBeNull();
  });

  it('walks a body nested 5,000 levels deep without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 5000; i++) deep = { a: deep };
    expect(findNul(deep)?.split('.').length).toBe(5000);
  });
});
