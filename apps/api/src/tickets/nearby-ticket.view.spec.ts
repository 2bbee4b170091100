import { shortDescription } from './nearby-ticket.view';

describe('shortDescription (what a neighbour sees of a nearby ticket)', () => {
  it.each([
    ['请联系13812345678', '138****5678'],
    ['电话138-1234-5678谢谢', '138****5678'],
    ['电话 138 1234 5678', '138****5678'],
    ['座机0951-5012345', '[电话]'],
  ])('masks the phone in %s', (text, shown) => {
    const out = shortDescription(text);
    expect(out).toContain(shown);
    expect(out).not.toMatch(/1234|5012345/); // the middle digits, or the landline, never shown
  });

  it('masks an 18-digit ID number, also one ending in X', () => {
    expect(shortDescription('身份证64010419900101123X')).toBe('身份证[证件号]');
  });

  it('keeps the building, collapses white space and cuts at 40 characters with an ellipsis', () => {
    expect(shortDescription('3号楼  电梯\n坏了')).toBe('3号楼 电梯 坏了');
    const long = '井盖'.repeat(30);
    expect(shortDescription(long)).toBe(`${long.slice(0, 40)}…`);
  });
});
