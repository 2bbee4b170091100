/**
 * 办理用时分档 (handling-time bins): the edges, in minutes, of the histogram every report keeps per
 * leg, so that the P90 handling time can be summed up from pre-aggregated rows (a percentile of
 * sums cannot be computed from averages). Bin 0 holds (0, 5], bin i holds (edges[i-1], edges[i]],
 * the last bin holds everything over a year.
 *
 * 用时P90 (P90 handling time) is reported as the upper edge of the bin holding the nearest-rank 90th
 * percentile (the ⌈0.9·n⌉-th smallest time): "90 % of the legs took at most this long". A P90 in the
 * last, open bin is reported as its lower edge (525600 minutes, a year). The reference SQL and the
 * rollups both use these edges, so both give the same figure.
 */
export const HANDLING_TIME_BIN_EDGES: readonly number[] = [
  5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1080, 1440, 2160, 2880, 4320, 5760, 7200, 10080, 20160, 43200, 525600,
];

/** Number of bins: one per edge plus the open bin above the last edge. */
export const HANDLING_TIME_BIN_COUNT = HANDLING_TIME_BIN_EDGES.length + 1;

/** The bin (0-based) of a handling time in minutes: the number of edges strictly below it. */
export function handlingTimeBin(minutes: number): number {
  let bin = 0;
  while (bin < HANDLING_TIME_BIN_EDGES.length && HANDLING_TIME_BIN_EDGES[bin] < minutes) bin += 1;
  return bin;
}

/** The minutes a bin is reported as: its upper edge, or the last edge for the open bin. */
export function handlingTimeBinMinutes(bin: number): number {
  return HANDLING_TIME_BIN_EDGES[Math.min(bin, HANDLING_TIME_BIN_EDGES.length - 1)];
}

/** P90 from bin counts (index = bin); null when the histogram is empty. */
export function p90FromBins(counts: readonly number[]): number | null {
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0) return null;
  // The same float expression as PostgreSQL's percentile_disc (ceil(0.9 * n)), so the ranks agree.
  const rank = Math.ceil(0.9 * n);
  let seen = 0;
  for (let bin = 0; bin < counts.length; bin += 1) {
    seen += counts[bin];
    if (seen >= rank) return handlingTimeBinMinutes(bin);
  }
  return null;
}
