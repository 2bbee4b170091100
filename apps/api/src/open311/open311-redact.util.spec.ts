import { maskPersonalData, redactForPublic } from './open311-redact.util';

/**
 * Hostile text does a little more work per character than prose (every digit group is classified;
 * measured 0.3–4×), so the bound leaves room for a busy shared machine; the quadratic e-mail pattern
 * this replaced took over 70,000× the plain time at 40,000 characters.
 */
const MAX_RATIO = 8;

describe('Open311 redaction', () => {
  it('masks mobiles in every spelling, keeping the first three and last four digits', () => {
    for (const phone of ['13800138000', '138-0013-8000', '138 0013 8000', '+86 138 0013 8000', '+86-138-0013-8000', '(+86)13800138000', '8613800138000', '0086 13800138000']) {
      expect(maskPersonalData(`请联系${phone}，谢谢`)).toBe('请联系138****8000，谢谢');
      expect(redactForPublic(`请联系 ${phone} 谢谢`)).toBe('请联系 138****8000 谢谢');
    }
    // A bracket around the whole number is punctuation and stays.
    expect(maskPersonalData('住户（138 0013 8000）')).toBe('住户（138****8000）');
    expect(maskPersonalData('住户(+86)13800138000')).toBe('住户138****8000');
    // Two numbers side by side are two numbers, not one long one.
    expect(maskPersonalData('13800138000 13900139000')).toBe('138****8000 139****9000');
    expect(maskPersonalData('13800138000 2次')).toBe('138****8000 2次');
  });

  it('masks landlines, 400 numbers and bare local numbers', () => {
    for (const phone of ['0931-8123456', '(0931)8123456', '（0931）8123456', '0931 8123456', '09318123456', '010-12345678', '+86 931 8123456', '400-123-4567', '8123456', '812-3456']) {
      expect(maskPersonalData(`座机${phone}。`)).toBe('座机[电话]。');
      expect(redactForPublic(`座机${phone}。`)).toBe('座机[电话]。');
    }
  });

  it('masks 18-digit ID numbers (with a trailing X or x) and old 15-digit ones', () => {
    for (const id of ['620102199001011234', '62010219900101123X', '62010219900101123x', '620102 19900101 1234', '620102900101123']) {
      expect(maskPersonalData(`身份证${id}，`)).toBe('身份证[证件号]，');
    }
  });

  it('masks e-mail addresses but not the full stop after them', () => {
    expect(maskPersonalData('邮箱 a.b+c@mail.example.com. 谢谢')).toBe('邮箱 ***@***. 谢谢');
    expect(maskPersonalData('13800138000@qq.com')).toBe('***@***');
    expect(maskPersonalData('a@b 不是邮箱')).toBe('a@b 不是邮箱');
  });

  it('keeps other numbers: ticket numbers, dates, counts, a 12-digit code', () => {
    const text = '工单HG261126000001，2026-11-26 上午，路灯3天不亮，共5户，2室1厅，编号 213912345678，6号楼301';
    expect(maskPersonalData(text)).toBe(text);
  });

  it('for the public removes building, unit and room in every form', () => {
    const cases: Array<[string, string]> = [
      ['3号楼2单元1402室漏水', '[住址]漏水'],
      ['3栋1402的门禁坏了', '[住址]的门禁坏了'],
      ['1402室门口', '[住址]门口'],
      ['2-1402门口', '[住址]门口'],
      ['3-2-1402室门口', '[住址]门口'],
      ['三号楼二单元楼道灯不亮', '[住址]楼道灯不亮'],
      ['A座1201', '[住址]'],
      ['3#楼 2单元', '[住址]'],
      ['6号楼2单元电梯停在3楼不动', '[住址]电梯停在3楼不动'],
      ['3栋2单元14楼1402', '[住址]'],
      ['6号楼301', '[住址]'],
      ['宁A·12345堵住消防通道', '[车牌]堵住消防通道'],
    ];
    for (const [text, expected] of cases) expect(redactForPublic(text)).toBe(expected);
    // What is left is still readable: floors, counts, dates and layouts stay.
    expect(redactForPublic('2026-11-26 路灯3天不亮，共5户，2室1厅，电梯停在3楼')).toBe('2026-11-26 路灯3天不亮，共5户，2室1厅，电梯停在3楼');
  });

  it(`takes time linear in the text: hostile text costs at most ${MAX_RATIO}× a plain description of the same length`, () => {
    const length = 60_000;
    const fill = (unit: string) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
    const plain = fill('小区东门的路灯3天不亮了，晚上8点以后很黑，老人出门不方便，请物业尽快修理。');
    // Each one defeats a naive pattern: long e-mail-like words without an ending, digit groups with
    // separators, address components that keep going, numerals that never reach a suffix.
    const hostile = ['a.', 'a@', 'a-', 'a@b.c ', '1-', '1 ', '(+1', '+86 ', '2-1402-', '3号楼', '3栋1', '一', '宁A', 'A座', '1', '138 0013 8000 '];
    // Plain and hostile are timed in turns, best of seven each, so a burst of load from the suites
    // alongside (CI runs them in parallel) lands on both sides of a ratio rather than on one.
    const ratio = (f: (s: string) => string, hostileText: string) => {
      let plainBest = Infinity;
      let hostileBest = Infinity;
      const time = (s: string) => {
        const t = process.hrtime.bigint();
        f(s);
        return Number(process.hrtime.bigint() - t);
      };
      for (let r = 0; r < 7; r++) {
        plainBest = Math.min(plainBest, time(plain));
        hostileBest = Math.min(hostileBest, time(hostileText));
      }
      return hostileBest / plainBest;
    };
    for (const f of [maskPersonalData, redactForPublic]) {
      f(plain);
      const ratios = hostile.map((unit) => ({ unit, ratio: ratio(f, fill(unit)) }));
      expect(ratios.filter((r) => r.ratio > MAX_RATIO)).toEqual([]);
    }
  });
});
