import { handlingTimeBin, handlingTimeBinMinutes, p90FromBins, HANDLING_TIME_BIN_COUNT } from './handling-time-bins';

describe('handling-time bins', () => {
  it('puts a time on an edge into the bin that edge closes', () => {
    expect(handlingTimeBin(0)).toBe(0);
    expect(handlingTimeBin(5)).toBe(0);
    expect(handlingTimeBin(5.01)).toBe(1);
    expect(handlingTimeBin(60)).toBe(6);
    expect(handlingTimeBinMinutes(handlingTimeBin(61))).toBe(90);
    expect(handlingTimeBin(600000)).toBe(HANDLING_TIME_BIN_COUNT - 1);
    expect(handlingTimeBinMinutes(HANDLING_TIME_BIN_COUNT - 1)).toBe(525600);
  });

  it('reports the upper edge of the bin holding the nearest-rank 90th percentile', () => {
    const bins = new Array<number>(HANDLING_TIME_BIN_COUNT).fill(0);
    // 10 legs: 8 of them within 5 minutes, the 9th in (30, 45], the 10th in (60, 90].
    bins[0] = 8;
    bins[handlingTimeBin(40)] = 1;
    bins[handlingTimeBin(70)] = 1;
    // rank ⌈0.9 × 10⌉ = 9 → the 9th smallest lies in (30, 45].
    expect(p90FromBins(bins)).toBe(45);
    expect(p90FromBins(new Array<number>(HANDLING_TIME_BIN_COUNT).fill(0))).toBeNull();
  });
});
