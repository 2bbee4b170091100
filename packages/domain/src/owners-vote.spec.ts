import { DEVELOPER_HEAD, formatAreaCenti, headOf, parseAreaCenti, tallyOwnersVote, type CastBallot, type ElectorateUnit } from './owners-vote';

/** n units of 100.00 m² each, owner i owns unit i. */
const flat = (n: number): ElectorateUnit[] => Array.from({ length: n }, (_, i) => ({ unitId: i + 1, areaCenti: 10000n, ownerKey: `k${i + 1}` }));
const ballots = (pairs: Array<[number, number]>): CastBallot[] => pairs.map(([unitId, option], seq) => ({ unitId, option, seq }));
const votes = (units: number[], option: number) => units.map((u) => [u, option] as [number, number]);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('tallyOwnersVote: quorum (art. 278: ≥ 2/3 of area AND ≥ 2/3 of owners took part)', () => {
  it('exactly 2/3 of area and heads is a quorum', () => {
    const t = tallyOwnersVote(flat(9), ballots(votes(range(1, 6), 0)), 'ordinary', 2);
    expect(t.participated).toEqual({ areaCenti: 60000n, heads: 6, units: 6 });
    expect(t.total).toEqual({ areaCenti: 90000n, heads: 9, units: 9 });
    expect(t.quorum).toBe(true);
    expect(t.adoptedOption).toBe(0);
  });

  it('one unit short of 2/3 is no quorum, and nothing is adopted even if all voted yes', () => {
    const t = tallyOwnersVote(flat(9), ballots(votes(range(1, 5), 0)), 'ordinary', 2);
    expect(t.quorum).toBe(false);
    expect(t.adoptedOption).toBeNull();
  });

  it('2/3 of heads but one hundredth of a m² short of 2/3 of the area: no quorum', () => {
    // total 300.00 m² → 2/3 is 200.00; voters hold 199.99 m² but are 2 of 3 heads.
    const units: ElectorateUnit[] = [
      { unitId: 1, areaCenti: 10000n, ownerKey: 'a' },
      { unitId: 2, areaCenti: 9999n, ownerKey: 'b' },
      { unitId: 3, areaCenti: 10001n, ownerKey: 'c' },
    ];
    expect(tallyOwnersVote(units, ballots([[1, 0], [2, 0]]), 'ordinary', 2).quorum).toBe(false);
    expect(tallyOwnersVote(units, ballots([[1, 0], [3, 0]]), 'ordinary', 2).quorum).toBe(true); // 200.01 m²
  });

  it('2/3 of the area but too few heads: no quorum (both conditions)', () => {
    const units: ElectorateUnit[] = [{ unitId: 1, areaCenti: 100000n, ownerKey: 'big' }, ...flat(3).map((u) => ({ ...u, unitId: u.unitId + 1 }))];
    const t = tallyOwnersVote(units, ballots([[1, 0]]), 'ordinary', 2);
    expect(t.participated.areaCenti * 3n >= t.total.areaCenti * 2n).toBe(true);
    expect(t.quorum).toBe(false);
  });

  it('thirds that floats get wrong: 0.1-style areas at exactly 2/3', () => {
    // 3 units of 0.10 m², 0.10 m², 0.10 m²: 0.2 / 0.3 is 0.6666…7 in floating point; here it is exact.
    const units: ElectorateUnit[] = [1, 2, 3].map((unitId) => ({ unitId, areaCenti: 10n, ownerKey: `o${unitId}` }));
    expect(tallyOwnersVote(units, ballots([[1, 0], [2, 0]]), 'ordinary', 2).quorum).toBe(true);
  });

  it('an empty register never has a quorum', () => {
    expect(tallyOwnersVote([], [], 'ordinary', 2)).toMatchObject({ quorum: false, adoptedOption: null });
  });
});

describe('tallyOwnersVote: ordinary matters (> 1/2 of participating area AND heads)', () => {
  it('a tie is not a majority', () => {
    const t = tallyOwnersVote(flat(6), ballots([...votes([1, 2, 3], 0), ...votes([4, 5, 6], 1)]), 'ordinary', 2);
    expect(t.quorum).toBe(true);
    expect(t.options.map((o) => o.heads)).toEqual([3, 3]);
    expect(t.adoptedOption).toBeNull();
  });

  it('one head more than half passes', () => {
    const t = tallyOwnersVote(flat(7), ballots([...votes([1, 2, 3, 4], 0), ...votes([5, 6, 7], 1)]), 'ordinary', 2);
    expect(t.adoptedOption).toBe(0);
  });

  it('more than half the heads but not more than half the area fails', () => {
    const units: ElectorateUnit[] = [...flat(3), { unitId: 4, areaCenti: 30000n, ownerKey: 'big' }];
    // yes: 3 heads 300 m² of 600 (exactly half of the area) → fails; no: 1 head.
    const t = tallyOwnersVote(units, ballots([...votes([1, 2, 3], 0), [4, 1]]), 'ordinary', 2);
    expect(t.options[0]).toEqual({ option: 0, areaCenti: 30000n, heads: 3 });
    expect(t.adoptedOption).toBeNull();
  });

  it('non-voters do not count in the majority: 4 of 9 in favour pass when 6 took part', () => {
    const t = tallyOwnersVote(flat(9), ballots([...votes([1, 2, 3, 4], 0), ...votes([5, 6], 1)]), 'ordinary', 2);
    expect(t.quorum).toBe(true);
    expect(t.adoptedOption).toBe(0);
  });
});

describe('tallyOwnersVote: special matters (items 6–8: ≥ 3/4 of participating area AND heads)', () => {
  it('exactly 3/4 passes', () => {
    const t = tallyOwnersVote(flat(8), ballots([...votes([1, 2, 3, 4, 5, 6], 0), ...votes([7, 8], 1)]), 'raise_maintenance_fund', 2);
    expect(t.threshold).toBe('three_quarters');
    expect(t.adoptedOption).toBe(0);
  });

  it('one unit short of 3/4 fails, though it would pass as an ordinary matter', () => {
    const b = ballots([...votes([1, 2, 3, 4, 5], 0), ...votes([6, 7, 8], 1)]);
    expect(tallyOwnersVote(flat(8), b, 'rebuild', 2).adoptedOption).toBeNull();
    expect(tallyOwnersVote(flat(8), b, 'ordinary', 2).adoptedOption).toBe(0);
  });

  it('3/4 of heads but one hundredth of a m² short of 3/4 of the area fails', () => {
    const units: ElectorateUnit[] = [...flat(3), { unitId: 4, areaCenti: 10001n, ownerKey: 'k4' }];
    // yes 300.00 of 400.01 m² < 3/4; heads 3 of 4 = 3/4.
    expect(tallyOwnersVote(units, ballots([...votes([1, 2, 3], 0), [4, 1]]), 'change_common_use', 2).adoptedOption).toBeNull();
  });

  it('using the maintenance fund (item 5) is an ordinary matter: only the three listed matters need 3/4', () => {
    expect(tallyOwnersVote(flat(3), [], 'ordinary', 2).threshold).toBe('more_than_half');
    for (const m of ['raise_maintenance_fund', 'rebuild', 'change_common_use'] as const) expect(tallyOwnersVote(flat(3), [], m, 2).threshold).toBe('three_quarters');
  });
});

describe('tallyOwnersVote: heads (SPC interpretation arts. 8–9)', () => {
  it('an owner of several units is one head; their area counts in full', () => {
    const units: ElectorateUnit[] = [
      { unitId: 1, areaCenti: 10000n, ownerKey: 'wang' },
      { unitId: 2, areaCenti: 10000n, ownerKey: 'wang' },
      { unitId: 3, areaCenti: 10000n, ownerKey: 'wang' },
      { unitId: 4, areaCenti: 10000n, ownerKey: 'li' },
      { unitId: 5, areaCenti: 10000n, ownerKey: 'zhao' },
    ];
    const t = tallyOwnersVote(units, ballots([...votes([1, 2, 3], 0), [4, 0]]), 'ordinary', 2);
    expect(t.total.heads).toBe(3);
    // 2 of 3 heads and 400 of 500 m² took part.
    expect(t.participated).toEqual({ areaCenti: 40000n, heads: 2, units: 4 });
    expect(t.quorum).toBe(true);
    expect(t.options[0]).toEqual({ option: 0, areaCenti: 40000n, heads: 2 });
  });

  it('the developer’s unsold units are one head together', () => {
    const units: ElectorateUnit[] = [
      ...flat(2),
      ...[3, 4, 5, 6].map((unitId) => ({ unitId, areaCenti: 10000n, ownerKey: null })),
    ];
    const t = tallyOwnersVote(units, ballots([[1, 0], [3, 1], [4, 1]]), 'ordinary', 2);
    expect(t.total.heads).toBe(3);
    expect(t.participated.heads).toBe(2);
    expect(t.options.map((o) => o.heads)).toEqual([1, 1]);
    expect(headOf(units[3])).toBe(DEVELOPER_HEAD);
    // 2 of 3 heads but 300 of 600 m²: the developer's area cannot carry the quorum alone.
    expect(t.quorum).toBe(false);
  });

  it('an owner splitting units counts for the option with most of their voted area', () => {
    const units: ElectorateUnit[] = [
      { unitId: 1, areaCenti: 12000n, ownerKey: 'wang' },
      { unitId: 2, areaCenti: 8000n, ownerKey: 'wang' },
      { unitId: 3, areaCenti: 10000n, ownerKey: 'li' },
    ];
    const t = tallyOwnersVote(units, ballots([[1, 1], [2, 0], [3, 0]]), 'ordinary', 2);
    expect(t.options).toEqual([{ option: 0, areaCenti: 18000n, heads: 1 }, { option: 1, areaCenti: 12000n, heads: 1 }]);
  });

  it('on equal area the owner counts for the option chosen last', () => {
    const units: ElectorateUnit[] = [
      { unitId: 1, areaCenti: 10000n, ownerKey: 'wang' },
      { unitId: 2, areaCenti: 10000n, ownerKey: 'wang' },
    ];
    expect(tallyOwnersVote(units, [{ unitId: 2, option: 0, seq: 5 }, { unitId: 1, option: 1, seq: 9 }], 'ordinary', 2).options.map((o) => o.heads)).toEqual([0, 1]);
    expect(tallyOwnersVote(units, [{ unitId: 2, option: 0, seq: 9 }, { unitId: 1, option: 1, seq: 5 }], 'ordinary', 2).options.map((o) => o.heads)).toEqual([1, 0]);
  });

  it('refuses two ballots for one unit and options out of range (the caller passes the last ballot only)', () => {
    expect(() => tallyOwnersVote(flat(2), ballots([[1, 0], [1, 1]]), 'ordinary', 2)).toThrow(/two ballots/);
    expect(() => tallyOwnersVote(flat(2), ballots([[1, 2]]), 'ordinary', 2)).toThrow(/no option/);
    expect(() => tallyOwnersVote(flat(2), [], 'ordinary', 1)).toThrow(/two options/);
  });
});

describe('areas in hundredths of m²', () => {
  it.each([
    ['89.5', 8950n], ['89.50', 8950n], ['120', 12000n], ['0.01', 1n], [' 75.25 ', 7525n],
  ])('parses %s', (text, centi) => expect(parseAreaCenti(text)).toBe(centi));
  it.each(['', '-1', '1.234', '1e3', '十', '1,5', 'abc', '1.'])('refuses %p', (text) => expect(parseAreaCenti(text)).toBeNull());
  it('formats with two places', () => {
    expect(formatAreaCenti(8950n)).toBe('89.50');
    expect(formatAreaCenti(1n)).toBe('0.01');
    expect(formatAreaCenti(123456789012n)).toBe('1234567890.12');
  });
});
