import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { DisclosureBoard, DisclosureBoardRow } from '../../api/api.types';
import { formatDate } from '../../lib/format.util';

const FLAG_LABELS: Record<DisclosureBoardRow['flag'], string> = { current: '已公开', stale: '超过一年未更新', missing: '未公开', no_company: '无签约物业' };

/** The board's 五公开 column: flagged compounds first, then the rest; the company's rows open its editor. */
export function DisclosureFlags({ board, editable }: { board: DisclosureBoard; editable: boolean }) {
  const rank = (r: DisclosureBoardRow) => (r.flag === 'missing' || r.flag === 'stale' ? 0 : 1);
  const rows = [...board.items].sort((a, b) => rank(a) - rank(b));
  return (
    <View className="card">
      <View className="muted" data-testid="flagged-count">需整改 {board.flagged} 个小区（公开满 {board.staleAfterDays} 天视为过期）</View>
      {rows.map((r) => (
        <View
          key={r.compound.id}
          className="settings__row"
          data-flag-compound={r.compound.id}
          onClick={editable ? () => void Taro.navigateTo({ url: `/staff/pages/disclosure-edit/index?compoundId=${r.compound.id}` }) : undefined}
        >
          <View>
            <Text className="settings__label">{r.compound.name}</Text>
            <Text className="settings__hint">{r.community.name}{r.company ? ` · ${r.company.name}` : ''}{r.publicVersion ? ` · 第${r.publicVersion.version}版 ${formatDate(r.publicVersion.approvedAt)}` : ''}</Text>
          </View>
          <Text className={`chip${rank(r) === 0 ? ' chip--warn' : ''}`} data-testid="flag">{r.pendingReview ? '待审核 · ' : ''}{FLAG_LABELS[r.flag]}</Text>
        </View>
      ))}
    </View>
  );
}
