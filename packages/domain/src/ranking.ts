/**
 * 星级评定 The quarterly ranking of property companies: one published formula, written here once
 * and returned with every ranking so that a company can check its own score. The API computes it
 * (apps/api/src/rankings); the client shows it.
 *
 * score (0–100) = Σ weight × component, each component 0–100:
 * - 按时办结率 onTimeResolutionRate × 100
 * - 满意率 satisfactionRate × 100
 * - 投诉得分 complaint score = 100 × (1 − 投诉率 ÷ cap), floored at 0: no complaints → 100,
 *   `cap` or more tickets per 1,000 households in the quarter → 0.
 * A component whose figure is missing (no households known → no 投诉率) is left out and the other
 * weights are scaled up to sum to 1; the row says which one was left out.
 */
export interface RankingComponent {
  key: 'onTimeResolutionRate' | 'satisfactionRate' | 'complaintScore';
  zh: string;
  weight: number;
}

export interface StarThreshold {
  stars: 1 | 2 | 3 | 4 | 5;
  minScore: number;
}

export interface RankingFormula {
  components: RankingComponent[];
  /** 投诉率 (per 1,000 households per quarter) at which the complaint score reaches 0 */
  complaintRateCap: number;
  /** fewer answered surveys than this in the quarter: 样本不足, no score or stars */
  minRated: number;
  /** highest first */
  stars: StarThreshold[];
  /** 红榜: ranked companies with at least this many stars */
  redListMinStars: number;
  /** 黑榜: ranked companies with at most this many stars */
  blackListMaxStars: number;
  zh: string;
}

export const RANKING_FORMULA: RankingFormula = {
  components: [
    { key: 'onTimeResolutionRate', zh: '按时办结率', weight: 0.4 },
    { key: 'satisfactionRate', zh: '满意率', weight: 0.4 },
    { key: 'complaintScore', zh: '投诉得分', weight: 0.2 },
  ],
  complaintRateCap: 200,
  minRated: 30,
  stars: [
    { stars: 5, minScore: 95 },
    { stars: 4, minScore: 90 },
    { stars: 3, minScore: 80 },
    { stars: 2, minScore: 70 },
    { stars: 1, minScore: 0 },
  ],
  redListMinStars: 5,
  blackListMaxStars: 1,
  zh:
    '综合得分 = 0.4 × 按时办结率 + 0.4 × 满意率 + 0.2 × 投诉得分（均为百分制）；投诉得分 = 100 ×（1 − 每千户投诉率 ÷ 200），最低为 0。' +
    '星级：≥95 五星，≥90 四星，≥80 三星，≥70 二星，其余一星。季度参评数少于 30 的公司为“样本不足”，不评星、不排名。' +
    '服务户数未知时不计投诉得分，其余两项按权重折算。红榜：五星公司；黑榜：一星公司。',
};

/** The figures a ranking row is computed from (a subset of SlaFigures). */
export interface RankingInputs {
  onTimeResolutionRate: number | null;
  satisfactionRate: number | null;
  complaintRate: number | null;
  answered: number;
}

export interface RankingScore {
  /** null: 样本不足 (or no on-time figure at all) */
  score: number | null;
  stars: 1 | 2 | 3 | 4 | 5 | null;
  complaintScore: number | null;
  insufficientSample: boolean;
  /** components left out because their figure is missing */
  missing: RankingComponent['key'][];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function complaintScore(complaintRate: number | null, formula: RankingFormula = RANKING_FORMULA): number | null {
  if (complaintRate === null) return null;
  return round2(Math.max(0, 100 * (1 - complaintRate / formula.complaintRateCap)));
}

export function starsFor(score: number, formula: RankingFormula = RANKING_FORMULA): 1 | 2 | 3 | 4 | 5 {
  return (formula.stars.find((t) => score >= t.minScore) ?? formula.stars[formula.stars.length - 1]).stars;
}

/** One company's score and stars; pure, so the client and tests can check a row by hand. */
export function rankingScore(f: RankingInputs, formula: RankingFormula = RANKING_FORMULA): RankingScore {
  const cs = complaintScore(f.complaintRate, formula);
  const values: Record<RankingComponent['key'], number | null> = {
    onTimeResolutionRate: f.onTimeResolutionRate === null ? null : f.onTimeResolutionRate * 100,
    satisfactionRate: f.satisfactionRate === null ? null : f.satisfactionRate * 100,
    complaintScore: cs,
  };
  const missing = formula.components.filter((c) => values[c.key] === null).map((c) => c.key);
  // Satisfaction and on-time are the core of the rating: without them there is nothing to rate.
  const insufficientSample = f.answered < formula.minRated || values.onTimeResolutionRate === null || values.satisfactionRate === null;
  if (insufficientSample) return { score: null, stars: null, complaintScore: cs, insufficientSample, missing };
  const present = formula.components.filter((c) => values[c.key] !== null);
  const weightSum = present.reduce((s, c) => s + c.weight, 0);
  const score = round2(present.reduce((s, c) => s + c.weight * (values[c.key] as number), 0) / weightSum);
  return { score, stars: starsFor(score, formula), complaintScore: cs, insufficientSample, missing };
}

/** '2026Q4' → its first and last Shanghai calendar day; null when not a quarter. */
export function quarterPeriod(quarter: string): { from: string; to: string } | null {
  const m = /^(\d{4})Q([1-4])$/.exec(quarter);
  if (!m) return null;
  const year = Number(m[1]);
  const q = Number(m[2]);
  if (year < 2000 || year > 2100) return null;
  const firstMonth = (q - 1) * 3;
  const from = new Date(Date.UTC(year, firstMonth, 1));
  const to = new Date(Date.UTC(year, firstMonth + 3, 0));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

/** The quarter a Shanghai calendar day ('YYYY-MM-DD') falls in. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
}

/** The quarter before `quarter` ('2026Q1' → '2025Q4'). */
export function previousQuarter(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(5));
  return q === 1 ? `${year - 1}Q4` : `${year}Q${q - 1}`;
}

/** A ranking row as GET /api/reports/ranking returns it. */
export interface RankingRow extends RankingScore {
  rank: number | null;
  company: { id: number; name: string };
  onTimeResolutionRate: number | null;
  satisfactionRate: number | null;
  complaintRate: number | null;
  answered: number;
  households: number;
  received: number;
  /** 降级 in force for this quarter on compounds in the ranking's scope (督导整改 overdue). */
  downgrades?: RankingDowngrade[];
  /** The stars the figures earned, before the downgrades; `stars` is after them. */
  starsBeforeDowngrade?: RankingScore['stars'];
}

export interface RankingDowngrade {
  id: number;
  noticeId: number;
  compound: { id: number; name: string };
  steps: number;
  effectiveQuarter: string;
  untilQuarter: string | null;
}

export interface QuarterListEntry {
  company: { id: number; name: string };
  rank: number;
  score: number;
  stars: number;
}

export const STAR_LABELS_ZH = ['', '一星', '二星', '三星', '四星', '五星'] as const;
export const INSUFFICIENT_SAMPLE_ZH = '样本不足';
