import { normaliseUscc, usccCheckChar, usccProblem } from './uscc.util';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Codes of registered companies as published on the national enterprise credit register.
  it.each([
    ['914403001922038216', 'Shenzhen, check character a digit'],
    ['91440300708461136T', 'Shenzhen, check character T'],
    ['91330100716105852F', 'Hangzhou, check character F'],
    ['91110000802100433B', 'Beijing, check character B'],
  ])('accepts %s — %s', (code) => expect(usccProblem(code)).toBeNull());

  it('refuses one typing error in any position (the check character catches it)', () => {
    const code = '91440300708461136T';
    for (let i = 0; i < 17; i++) {
      const swapped = code.slice(0, i) + (code[i] === '1' ? '2' : '1') + code.slice(i + 1);
      expect(usccProblem(swapped)).toBe('check_digit');
    }
  });

  it.each([
    ['91440300708461136X', 'check_digit'],
    ['914403001922038217', 'check_digit'],
    ['91440300708461136', 'length'],
    ['91440300708461136TT', 'length'],
    ['9144030070846113IT', 'characters'], // I is never used (read as 1)
    ['914403007084611O6T', 'characters'], // O is never used (read as 0)
    ['91A40300708461136T', 'characters'], // characters 3–8 are the area code: digits only
    ['91440300708461136t', 'characters'], // lower case must be normalised first
  ])('refuses %s (%s)', (code, problem) => expect(usccProblem(code)).toBe(problem));

  it('computes the check character, 31 written as 0', () => {
    expect(usccCheckChar('91440300708461136')).toBe('T');
    expect(usccCheckChar('91330100716105852')).toBe('F');
  });

  it('normalises spaces and case as spreadsheets carry them', () => {
    expect(normaliseUscc(' 9144 0300 7084 6113 6t ')).toBe('91440300708461136T');
  });
});
