import { contractDate } from './seed.service';

describe('contractDate: demo contracts stay current on any day', () => {
  it('keeps an ISO date as written', () => {
    expect(contractDate('2024-12-31', new Date('2030-05-01T00:00:00Z'))).toBe('2024-12-31');
  });

  it('reads +Ny as 31 December N years after the Shanghai year of now', () => {
    expect(contractDate('+1y', new Date('2026-12-04T10:00:00Z'))).toBe('2027-12-31');
    expect(contractDate('+2y', new Date('2026-12-04T10:00:00Z'))).toBe('2028-12-31');
    // 2026-12-31 16:05 UTC is already 1 January 2027 in Shanghai.
    expect(contractDate('+1y', new Date('2026-12-31T16:05:00Z'))).toBe('2028-12-31');
  });
});
