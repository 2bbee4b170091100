import { Button, Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS } from '@red-butler/domain';
import Taro from '@tarojs/taro';
import type { SupervisionNotice } from '../../api/api.types';
import { noticesApi } from '../../api/notices.api';
import { PhotoThumb } from '../../components/photo-thumb/photo-thumb';
import { formatTime } from '../../lib/format.util';
import { ExitForm } from './exit-form';
import { NoticeAnswerForm } from './notice-answer-form';
import { NoticeStatusChip } from './notice-card';
import { NoticeVerifyForm } from './notice-verify-form';
import { useSubmit } from './use-submit.hook';

/** Where the 督办 stands: a street's notice goes to the street, then the district; a district's to the district. */
function escalationText(n: SupervisionNotice): string {
  if (n.issuer.unitKind === 'district') return '已通知区级督办';
  return n.escalationLevel > 1 ? '已提级区级督办' : '已通知街道督办';
}

export interface NoticeDetailProps {
  notice: SupervisionNotice;
  /** The caller issues notices (street staff, supervisors): offered 降级 once a notice is overdue. */
  issuerDesk: boolean;
  /** District supervisors may also record a 清退 (the API refuses anyone else). */
  canExit?: boolean;
  onChange: (n: SupervisionNotice) => void;
}

/** A notice, its answers and verdicts, its downgrades, and the forms the caller's role allows now. */
export function NoticeDetail({ notice, issuerDesk, canExit = false, onChange }: NoticeDetailProps) {
  const downgrade = useSubmit<SupervisionNotice>(onChange, '已记录降级');
  const can = (a: string) => notice.allowedActions.includes(a as never);
  const downgrades = notice.downgrades ?? [];
  return (
    <View className="detail notice-detail" data-notice={notice.id}>
      <View className="card">
        <View className="ticket-card__head">
          <Text className="ticket-card__title">{notice.company.name}</Text>
          <NoticeStatusChip status={notice.status} />
        </View>
        <View className="muted">{notice.compounds.map((c) => c.name).join('、')}</View>
        <View className="kv"><Text className="kv__k">下发单位</Text><Text className="kv__v">{notice.issuer.unitName} · {notice.issuer.displayName}</Text></View>
        <View className="kv"><Text className="kv__k">下发时间</Text><Text className="kv__v">{formatTime(notice.issuedAt)}</Text></View>
        <View className="kv"><Text className="kv__k">整改期限</Text><Text className={`kv__v ${notice.status === 'overdue' ? 'overdue' : ''}`}>{formatTime(notice.dueAt)}（{notice.workingDays}个工作日）</Text></View>
        <View className="section-title">存在的问题</View>
        <View className="detail__desc">{notice.problem}</View>
        <View className="section-title">整改要求</View>
        <View className="detail__desc">{notice.expected}</View>
        {(notice.tickets ?? []).map((t) => (
          <View key={t.id} className="link" onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${t.id}` })}>
            关联工单 {t.no}（{TICKET_STATUS_LABELS[t.status]}）
          </View>
        ))}
        {notice.status === 'overdue' && <View className="hint hint--warn">已逾期未整改，{escalationText(notice)}</View>}
      </View>
      {downgrades.length > 0 && (
        <View className="card notice-downgrades">
          <View className="section-title">降级记录</View>
          {downgrades.map((d) => (
            <View key={d.id} className="notice-downgrade" data-downgrade={d.id}>
              {d.compoundName}：星级降{d.steps}级，自{d.effectiveQuarter}季度评定起{d.untilQuarter ? `至${d.untilQuarter}季度` : ''}
            </View>
          ))}
        </View>
      )}
      {(notice.answers ?? []).map((a, i) => (
        <View key={a.id} className="card notice-answer-item" data-answer={a.id}>
          <View className="section-title">第{i + 1}次整改答复 · {formatTime(a.answeredAt)}</View>
          <View className="detail__desc">{a.body}</View>
          {a.photos.length > 0 && (
            <View className="photos photos--small">
              {a.photos.map((p) => (
                <View key={p.id} className="photos__item"><PhotoThumb url={p.url} all={a.photos.map((x) => x.url)} /></View>
              ))}
            </View>
          )}
          <View className="muted">答复人：{a.answeredBy.displayName}</View>
          {a.verdict && (
            <View className={a.verdict === 'accepted' ? 'muted' : 'hint hint--warn'} data-verdict={a.verdict}>
              核验：{a.verdict === 'accepted' ? '通过' : '不通过'}{a.verdictReason ? `（${a.verdictReason}）` : ''}
            </View>
          )}
        </View>
      ))}
      {can('answer') && <NoticeAnswerForm notice={notice} onDone={onChange} />}
      {(can('accept') || can('reject')) && <NoticeVerifyForm notice={notice} onDone={onChange} />}
      {issuerDesk && notice.status === 'overdue' && downgrades.length === 0 && (
        <View className="card">
          {downgrade.problem && <View className="error-text">{downgrade.problem}</View>}
          <Button className="btn btn--block btn--danger" disabled={downgrade.busy} onClick={() => void downgrade.submit(() => noticesApi.downgrade(notice.id, { steps: 1 }))} data-testid="downgrade">
            逾期未整改：降一星（下季度起）
          </Button>
        </View>
      )}
      {canExit && notice.status === 'overdue' && <ExitForm notice={notice} />}
      <View className="link" onClick={() => void Taro.navigateTo({ url: `/staff/pages/trail/index?companyId=${notice.company.id}` })} data-testid="company-trail">
        查看{notice.company.name}的整改档案 ›
      </View>
    </View>
  );
}
