import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { errorText } from '../../api/api-error';
import type { QuarterLists, QuarterListEntry, QuarterRanking } from '../../api/api.types';
import { exportPath, reportsApi } from '../../api/reports.api';
import { ExportButtons } from './export-buttons';
import { percent } from './sla-dashboard.util';
import { exportFilename, quarterChoices, quarterLabel, scoreText, starText, versionText } from './quarter-board.util';

interface Props {
  today: string;
  scopeId?: number;
  /** bump to load again (pull-to-refresh) */
  reloadKey?: number;
}

function ListEntries({ title, entries, tone, testId }: { title: string; entries: QuarterListEntry[]; tone: 'red' | 'black'; testId: string }) {
  return (
    <View className={`quarter-list quarter-list--${tone}`} data-testid={testId}>
      <View className="quarter-list__title">{title}</View>
      {entries.length === 0 && <View className="muted">无</View>}
      {entries.map((e) => (
        <View key={e.company.id} className="quarter-list__item" data-company={e.company.id}>
          <Text>{e.company.name}</Text>
          <Text className="muted">{'★'.repeat(e.stars)} · {e.score.toFixed(2)}分</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 星级评定与红黑榜: the quarter's ranking by the published formula (stars, or 样本不足 for a company
 * rated by too few residents), the red and black lists as published (with their version), exports.
 */
export function QuarterBoard({ today, scopeId, reloadKey = 0 }: Props) {
  const choices = useMemo(() => quarterChoices(today), [today]);
  const [quarter, setQuarter] = useState(choices[0].quarter);
  const [ranking, setRanking] = useState<QuarterRanking | null>(null);
  const [lists, setLists] = useState<QuarterLists | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    const ticket = ++latest.current;
    setRanking(null);
    setLists(null);
    setProblem(null);
    Promise.all([reportsApi.ranking({ quarter, scopeId }), reportsApi.lists({ quarter, scopeId })]).then(
      ([r, l]) => ticket === latest.current && (setRanking(r), setLists(l)),
      (error) => ticket === latest.current && setProblem(errorText(error)),
    );
  }, [quarter, scopeId, reloadKey]);

  const showFormula = () => ranking && void Taro.showModal({ title: '评分办法', content: ranking.formula.zh, showCancel: false });
  const current = lists?.current ?? null;

  return (
    <View className="card" data-testid="quarter-board">
      <View className="section-title">物业服务星级评定</View>
      <View className="chips">
        {choices.map((c) => (
          <Text key={c.key} data-quarter={c.quarter} className={`chip-option ${quarter === c.quarter ? 'chip-option--on' : ''}`} onClick={() => setQuarter(c.quarter)}>
            {c.label}（{quarterLabel(c.quarter)}）
          </Text>
        ))}
      </View>
      {problem && <View className="error-text">{problem}</View>}
      {!ranking && !problem && <View className="empty">统计中…</View>}
      {ranking && (
        <View data-testid="star-ranking">
          <View className="muted">
            {ranking.scope.name} · {ranking.period.from} 至 {ranking.period.to}{ranking.complete ? '' : ' · 季度未结束，数据为临时'}
          </View>
          {ranking.rows.length === 0 ? (
            <View className="muted">范围内没有物业公司</View>
          ) : (
            <View className="table">
              <View className="table__row table__row--head"><Text>公司</Text><Text>星级</Text><Text>得分</Text><Text>按时/满意</Text></View>
              {ranking.rows.map((r) => (
                <View className={`table__row ${r.stars === null ? 'table__row--muted' : ''}`} key={r.company.id} data-company={r.company.id}>
                  <Text>{r.rank === null ? '—' : r.rank}. {r.company.name}</Text>
                  <Text className={r.stars === null ? 'muted' : 'stars'}>{starText(r)}</Text>
                  <Text>{scoreText(r.score)}</Text>
                  <Text>{percent(r.onTimeResolutionRate)} / {percent(r.satisfactionRate)}</Text>
                  {/* 降级 recorded after a 督导通知 ran out: which compound, by how much, and why. */}
                  {(r.downgrades ?? []).map((d) => (
                    <Text key={d.id} className="tag tag--urgent" data-downgrade={d.id}>
                      降级{d.steps}星（{d.compound.name}，督导通知#{d.noticeId}）
                    </Text>
                  ))}
                </View>
              ))}
            </View>
          )}
          <View className="muted dashboard__note" data-testid="formula" onClick={showFormula}>
            评分：{ranking.formula.components.map((c) => `${c.zh}×${c.weight}`).join(' + ')}；参评少于 {ranking.formula.minRated} 件为“样本不足”。点此查看评分办法
          </View>
          <ExportButtons
            testId="ranking-export"
            path={(format) => exportPath('ranking', { quarter, scopeId, format })}
            filename={(format) => exportFilename('星级评定', ranking.scope.name, quarter, format)}
          />
        </View>
      )}
      {lists && (
        <View data-testid="quarter-lists">
          <View className="section-title">{lists.district.name} 红黑榜 · {quarterLabel(lists.quarter)}</View>
          {current === null ? (
            <View className="muted" data-testid="lists-pending">
              {ranking?.complete === false ? '本季度结束后由系统发布' : '尚未发布：系统在季度结束后自动发布'}
            </View>
          ) : (
            <View>
              <View className="muted" data-testid="list-version">
                {versionText(current)} · 发布于 {current.publishedAt.slice(0, 10)}{current.reason ? ` · 更正原因：${current.reason}` : ''}
                {lists.history.length > 1 ? ` · 共 ${lists.history.length} 个版本` : ''}
              </View>
              <ListEntries title="红榜" entries={current.redList} tone="red" testId="red-list" />
              <ListEntries title="黑榜" entries={current.blackList} tone="black" testId="black-list" />
            </View>
          )}
        </View>
      )}
    </View>
  );
}
