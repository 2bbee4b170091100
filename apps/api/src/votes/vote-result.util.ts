import { BALLOT_CHANNEL_LABELS, formatAreaCenti, VOTE_MATTER_LABELS, type VoteMatter, type VotePurpose, VOTE_PURPOSE_LABELS, type VoteTally } from '@red-butler/domain';

/** The frozen result as stored and sent: areas as "m²" strings with two places, heads as integers. */
export function resultJson(tally: VoteTally, options: string[], purpose: VotePurpose | null) {
  return {
    total: { areaM2: formatAreaCenti(tally.total.areaCenti), heads: tally.total.heads, units: tally.total.units },
    participated: { areaM2: formatAreaCenti(tally.participated.areaCenti), heads: tally.participated.heads, units: tally.participated.units },
    quorum: tally.quorum,
    threshold: tally.threshold,
    options: tally.options.map((o) => ({ option: o.option, label: options[o.option], areaM2: formatAreaCenti(o.areaCenti), heads: o.heads })),
    adoptedOption: tally.adoptedOption,
    // The first option is the motion (同意): a purpose vote "passed" when it carried.
    passed: tally.adoptedOption === 0,
    purpose,
  };
}
export type VoteResult = ReturnType<typeof resultJson>;

/** Percent with two places, by integer division (display only; the decision never reads it). */
const percent = (part: bigint, whole: bigint) => (whole === 0n ? '0.00' : formatAreaCenti((part * 10000n) / whole));

/** The 公示 text of a result, in the words a notice board uses. */
export function resultNotice(v: { question: string; matter: VoteMatter; opensAt: Date; closesAt: Date; purpose: VotePurpose | null; purposeCompany: string | null }, tally: VoteTally, options: string[]) {
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
  const rule = tally.threshold === 'three_quarters' ? '四分之三以上' : '过半数';
  const lines = [
    `表决事项：${v.question}（${VOTE_MATTER_LABELS[v.matter]}${v.purpose ? `，${VOTE_PURPOSE_LABELS[v.purpose]}：${v.purposeCompany ?? ''}` : ''}）`,
    `投票时间：${day(v.opensAt)} 至 ${day(v.closesAt)}（北京时间）`,
    `专有部分总面积 ${formatAreaCenti(tally.total.areaCenti)} 平方米，业主总人数 ${tally.total.heads} 人（共 ${tally.total.units} 户）。`,
    `参与表决：面积 ${formatAreaCenti(tally.participated.areaCenti)} 平方米（${percent(tally.participated.areaCenti, tally.total.areaCenti)}%），人数 ${tally.participated.heads} 人（${percent(BigInt(tally.participated.heads), BigInt(tally.total.heads))}%）。`,
    tally.quorum ? '参与表决的面积和人数均达到三分之二以上，符合《民法典》第二百七十八条的规定。' : '参与表决的面积或人数未达到三分之二，表决不成立。',
    ...tally.options.map((o) => `“${options[o.option]}”：面积 ${formatAreaCenti(o.areaCenti)} 平方米，人数 ${o.heads} 人。`),
    tally.adoptedOption === null
      ? `结果：没有选项获得参与表决面积和人数${rule}同意，未形成决定。`
      : `结果：“${options[tally.adoptedOption]}”获得参与表决面积和人数${rule}同意，形成决定。`,
    `投票渠道：${Object.values(BALLOT_CHANNEL_LABELS).join('、')}。本公示发布后不可更改，如需更正将另行发布更正公示。`,
  ];
  return { title: `业主大会表决结果公示：${v.question}`.slice(0, 200), body: lines.join('\n') };
}
