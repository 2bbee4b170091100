import { INSUFFICIENT_SAMPLE_ZH, previousQuarter, quarterOf } from '@red-butler/domain';
import type { QuarterListVersion, RankingRow } from '../../api/api.types';

export interface QuarterChoice {
  key: 'current' | 'previous';
  label: string;
  quarter: string;
}

/** 本季度 and 上季度 of a Shanghai date; the lists exist only for quarters that have ended. */
export function quarterChoices(today: string): QuarterChoice[] {
  const current = quarterOf(today);
  return [
    { key: 'previous', label: '上季度', quarter: previousQuarter(current) },
    { key: 'current', label: '本季度', quarter: current },
  ];
}

/** '2026Q4' → '2026年第4季度' */
export const quarterLabel = (quarter: string) => `${quarter.slice(0, 4)}年第${quarter.slice(5)}季度`;

/** '★★★★☆' for 4 stars; 样本不足 when the company was not rated. */
export function starText(row: Pick<RankingRow, 'stars'>): string {
  return row.stars === null ? INSUFFICIENT_SAMPLE_ZH : '★'.repeat(row.stars) + '☆'.repeat(5 - row.stars);
}

export const scoreText = (score: number | null) => (score === null ? '—' : score.toFixed(2));

/** '第2版（更正）' — which published version the reader is looking at. */
export function versionText(v: Pick<QuarterListVersion, 'version' | 'kind'>): string {
  return `第${v.version}版${v.kind === 'correction' ? '（更正）' : ''}`;
}

/** A file name for the saved export: what, where, when. */
export function exportFilename(what: string, scope: string, period: string, format: string): string {
  return `${what}_${scope}_${period}.${format}`;
}
