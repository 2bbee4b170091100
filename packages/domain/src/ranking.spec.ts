import { complaintScore, previousQuarter, quarterOf, quarterPeriod, rankingScore, RANKING_FORMULA, starsFor } from './ranking';

describe('ranking formula', () => {
  it('weights sum to 1 and star thresholds descend', () => {
    expect(RANKING_FORMULA.components.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 10);
    const mins = RANKING_FORMULA.stars.map((s) => s.minScore);
    expect([...mins].sort((a, b) => b - a)).toEqual(mins);
  });

  it('scores by hand: 0.4 × 97 + 0.4 × 96 + 0.2 × (100 × (1 − 18 / 200)) = 95.4 → five stars', () => {
    const r = rankingScore({ onTimeResolutionRate: 0.97, satisfactionRate: 0.96, complaintRate: 18, answered: 30 });
    expect(r.complaintScore).toBe(91);
    expect(r.score).toBe(95.4);
    expect(r.stars).toBe(5);
  });

  it('caps the complaint score at 0 and scales the other weights when households are unknown', () => {
    expect(complaintScore(250)).toBe(0);
    expect(complaintScore(12.5)).toBe(93.75);
    const r = rankingScore({ onTimeResolutionRate: 0.9, satisfactionRate: 0.8, complaintRate: null, answered: 40 });
    expect(r.missing).toEqual(['complaintScore']);
    expect(r.score).toBe(85); // (0.4 × 90 + 0.4 × 80) ÷ 0.8
    expect(r.stars).toBe(3);
  });

  it('gives no score under the minimum sample, however perfect', () => {
    const r = rankingScore({ onTimeResolutionRate: 1, satisfactionRate: 1, complaintRate: 0, answered: 29 });
    expect(r).toMatchObject({ score: null, stars: null, insufficientSample: true });
  });

  it('maps scores to stars at the thresholds', () => {
    expect([95, 94.99, 90, 80, 70, 69.99].map((s) => starsFor(s))).toEqual([5, 4, 4, 3, 2, 1]);
  });

  it('knows quarters', () => {
    expect(quarterPeriod('2026Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterPeriod('2024Q1')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(quarterPeriod('2026Q5')).toBeNull();
    expect(quarterOf('2026-09-30')).toBe('2026Q3');
    expect(previousQuarter('2026Q1')).toBe('2025Q4');
  });
});
