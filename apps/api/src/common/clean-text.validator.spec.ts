import { textProblem } from './clean-text.validator';

describe('textProblem', () => {
  it.each([
    ['6号楼井盖丢失\n晚上很危险\t请尽快', null],
    ['line\r\nbreak', null],
    ['😀 表情 and 𠀀 (astral, fine)', null],
    ['\u{10FFFD}', null],
    ['   \n\t ', 'must not be blank'],
    ['响铃\u0007', 'must not contain control character U+0007'],
    ['\u001b[31m红字', 'must not contain control character U+001B'],
    ['DEL\u007f', 'must not contain control character U+007F'],
    ['NEL\u0085', 'must not contain control character U+0085'],
    ['x\uFFFE', 'must not contain the noncharacter U+FFFE'],
    ['x\uFFFF', 'must not contain the noncharacter U+FFFF'],
    ['x\uFDD0', 'must not contain the noncharacter U+FDD0'],
    ['x\u{1FFFE}', 'must not contain the noncharacter U+1FFFE'],
    ['x\u{10FFFF}', 'must not contain the noncharacter U+10FFFF'],
  ])('multi-line %j → %s', (text, problem) => {
    expect(textProblem(text, { multiline: true })).toBe(problem);
  });

  it('one-line fields refuse line breaks and tabs; optional remarks may be blank', () => {
    expect(textProblem('6号楼\n2单元')).toBe('must not contain control character U+000A (one line, no tabs)');
    expect(textProblem('a\tb')).toBe('must not contain control character U+0009 (one line, no tabs)');
    expect(textProblem('', { allowBlank: true, multiline: true })).toBeNull();
    expect(textProblem('  ', { allowBlank: true })).toBeNull();
  });
});
