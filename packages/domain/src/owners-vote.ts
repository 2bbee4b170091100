import { SPECIAL_VOTE_MATTERS, type VoteMatter } from './enums';

/**
 * The count of a 业主大会 vote under Civil Code art. 278 and the SPC interpretation on
 * 建筑物区分所有权 (法释〔2009〕7号, arts. 8–9). Areas are integers in hundredths of a square metre
 * (bigint) and every ratio is compared by cross-multiplication, so "exactly two thirds" is exactly
 * two thirds: no floating point anywhere between the register and the published result.
 */

/** The head shared by every unit the developer has not sold or handed over (SPC art. 9: one person together). */
export const DEVELOPER_HEAD = 'developer';

export interface ElectorateUnit {
  unitId: number;
  /** Registered floor area in hundredths of m² (123.45 m² → 12345). */
  areaCenti: bigint;
  /** The owner's stable key; null for a unit not sold or not handed over (the developer's). */
  ownerKey: string | null;
}

export interface CastBallot {
  unitId: number;
  option: number;
  /** Casting order (the trail's id): a larger seq was cast later. Breaks a multi-unit owner's tie. */
  seq: number;
}

export interface OptionTally {
  option: number;
  areaCenti: bigint;
  heads: number;
}

export type VoteThreshold = 'more_than_half' | 'three_quarters';

export interface VoteTally {
  total: { areaCenti: bigint; heads: number; units: number };
  participated: { areaCenti: bigint; heads: number; units: number };
  /** Units holding ≥ 2/3 of the area AND ≥ 2/3 of the owners took part (art. 278 para. 2). */
  quorum: boolean;
  threshold: VoteThreshold;
  options: OptionTally[];
  /** The option carried by the threshold among participants, if the quorum was met; else null. */
  adoptedOption: number | null;
}

export const isSpecialMatter = (matter: VoteMatter): boolean => SPECIAL_VOTE_MATTERS.includes(matter);

export const headOf = (u: ElectorateUnit): string => (u.ownerKey === null ? DEVELOPER_HEAD : `owner:${u.ownerKey}`);

/**
 * Counts a closed vote. One head per owner (several units count once), the developer's unsold
 * units one head together. A head takes part when any of its units voted. A head whose units voted
 * differently counts for the option carrying the most of its voted area; on equal area, for the
 * option it chose last (docs/decisions.md, "业主大会 votes").
 */
export function tallyOwnersVote(units: ElectorateUnit[], ballots: CastBallot[], matter: VoteMatter, optionCount: number): VoteTally {
  if (!Number.isInteger(optionCount) || optionCount < 2) throw new Error('a vote has at least two options');
  const unitById = new Map(units.map((u) => [u.unitId, u]));
  const heads = new Set(units.map(headOf));
  const options: OptionTally[] = Array.from({ length: optionCount }, (_, option) => ({ option, areaCenti: BigInt(0), heads: 0 }));
  const byHead = new Map<string, Array<{ ballot: CastBallot; areaCenti: bigint }>>();
  let participatedArea = BigInt(0);
  let participatedUnits = 0;
  const seen = new Set<number>();
  for (const ballot of ballots) {
    const unit = unitById.get(ballot.unitId);
    if (!unit) continue; // not in the electorate (removed from the register): it cannot count
    if (seen.has(ballot.unitId)) throw new Error(`unit ${ballot.unitId} has two ballots: pass the last one only`);
    if (!Number.isInteger(ballot.option) || ballot.option < 0 || ballot.option >= optionCount) throw new Error(`unit ${ballot.unitId}: no option ${ballot.option}`);
    seen.add(ballot.unitId);
    options[ballot.option].areaCenti += unit.areaCenti;
    participatedArea += unit.areaCenti;
    participatedUnits++;
    const list = byHead.get(headOf(unit)) ?? [];
    list.push({ ballot, areaCenti: unit.areaCenti });
    byHead.set(headOf(unit), list);
  }
  for (const cast of byHead.values()) options[headChoice(cast, optionCount)].heads++;

  const total = { areaCenti: units.reduce((s, u) => s + u.areaCenti, BigInt(0)), heads: heads.size, units: units.length };
  const participated = { areaCenti: participatedArea, heads: byHead.size, units: participatedUnits };
  const quorum = total.heads > 0 && atLeast(participated.areaCenti, total.areaCenti, BigInt(2), BigInt(3)) && atLeast(BigInt(participated.heads), BigInt(total.heads), BigInt(2), BigInt(3));
  const threshold: VoteThreshold = isSpecialMatter(matter) ? 'three_quarters' : 'more_than_half';
  const carries = (o: OptionTally) =>
    threshold === 'three_quarters'
      ? atLeast(o.areaCenti, participated.areaCenti, BigInt(3), BigInt(4)) && atLeast(BigInt(o.heads), BigInt(participated.heads), BigInt(3), BigInt(4))
      : moreThanHalf(o.areaCenti, participated.areaCenti) && moreThanHalf(BigInt(o.heads), BigInt(participated.heads));
  const adopted = quorum && participated.heads > 0 ? options.find(carries) : undefined;
  return { total, participated, quorum, threshold, options, adoptedOption: adopted?.option ?? null };
}

/** part / whole ≥ num / den, exactly. */
export function atLeast(part: bigint, whole: bigint, num: bigint, den: bigint): boolean {
  return part * den >= whole * num;
}

/** part / whole > 1/2, exactly (a tie is not a majority). */
export function moreThanHalf(part: bigint, whole: bigint): boolean {
  return part * BigInt(2) > whole;
}

/** The option a head counts for: most voted area; on equal area, the one it chose last. */
function headChoice(cast: Array<{ ballot: CastBallot; areaCenti: bigint }>, optionCount: number): number {
  const area = new Array<bigint>(optionCount).fill(BigInt(0));
  const lastSeq = new Array<number>(optionCount).fill(-Infinity);
  for (const { ballot, areaCenti } of cast) {
    area[ballot.option] += areaCenti;
    lastSeq[ballot.option] = Math.max(lastSeq[ballot.option], ballot.seq);
  }
  let best = -1;
  for (let o = 0; o < optionCount; o++) {
    if (lastSeq[o] === -Infinity) continue;
    if (best < 0 || area[o] > area[best] || (area[o] === area[best] && lastSeq[o] > lastSeq[best])) best = o;
  }
  return best;
}

// No bigint literals (`0n`) in this file: the client bundles the package, and a JS engine without
// BigInt (older WeChat on iOS) would fail to parse it; BigInt(…) is only reached when counting.
const AREA = /^(\d{1,9})(?:\.(\d{1,2}))?$/;

/** "89.5" → 8950; null for anything that is not a plain non-negative decimal with ≤ 2 places. */
export function parseAreaCenti(text: string): bigint | null {
  const m = AREA.exec(text.trim());
  if (!m) return null;
  return BigInt(m[1]) * BigInt(100) + BigInt((m[2] ?? '').padEnd(2, '0'));
}

/** 8950 → "89.50" (m², two places, as the register prints it). */
export function formatAreaCenti(centi: bigint): string {
  const sign = centi < BigInt(0) ? '-' : '';
  const abs = centi < BigInt(0) ? -centi : centi;
  return `${sign}${abs / BigInt(100)}.${(abs % BigInt(100)).toString().padStart(2, '0')}`;
}
