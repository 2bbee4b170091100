import { Button, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { disclosuresApi } from '../../api/disclosures.api';
import { votesApi } from '../../api/votes.api';
import { DisclosureView } from '../../components/disclosure-view/disclosure-view';
import { EmptyState } from '../../components/empty-state/empty-state';
import { NoticeCard } from '../../components/notice-card/notice-card';
import { Screen } from '../../components/screen/screen';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useScreenData } from '../../hooks/use-screen-data.hook';

/**
 * 五公开 and the 公示栏 of the caller's compound: residents their home compound, a 业委会委员 the
 * compound of their role (with 发布公示 and 更正 on their own notices).
 */
export default function DisclosurePage() {
  const me = useSignedIn();
  const committeeOf = me?.scopes.find((s) => s.role === 'owners_committee_member' && s.orgUnit)?.orgUnit?.id;
  const compoundId = committeeOf ?? me?.compound?.id;
  const enabled = !!me && compoundId !== undefined;
  const five = useScreenData(() => disclosuresApi.current(compoundId as number), enabled);
  const board = useScreenData(() => votesApi.notices(compoundId as number), enabled);
  // The 业委会's own drafts not yet on the board: waiting for review, or sent back with the reason.
  const drafts = useScreenData(() => disclosuresApi.noticeDrafts(committeeOf as number), !!me && committeeOf !== undefined);
  const open = drafts.data?.items.filter((d) => d.status !== 'published') ?? [];
  const draft = (correctsId?: number) =>
    void Taro.navigateTo({ url: `/staff/pages/notice-draft/index?compoundId=${compoundId}${correctsId ? `&correctsId=${correctsId}` : ''}` });
  if (me && compoundId === undefined) return <Screen><EmptyState text="您还没有绑定小区" /></Screen>;
  return (
    <Screen>
      <View className="page-head">五公开{five.data ? ` · ${five.data.compound.name}` : ''}</View>
      {five.problem && <View className="error-text">{five.problem}</View>}
      {five.data?.current && <DisclosureView disclosure={five.data.current} />}
      {five.data && !five.data.current && <EmptyState text="物业服务企业尚未公开五公开信息" />}
      <View className="page-head">公示栏</View>
      {committeeOf !== undefined && (
        <Button className="btn btn--primary btn--block" onClick={() => draft()} data-testid="new-notice">发布公示</Button>
      )}
      {open.map((d) => (
        <View key={d.id} className="muted" data-draft={d.id}>
          {d.title} · {d.status === 'pending_review' ? '待社区审核' : `已退回：${d.reviewed?.note ?? ''}`}
        </View>
      ))}
      {board.problem && <View className="error-text">{board.problem}</View>}
      {board.data?.items.length === 0 && <EmptyState text="暂无公示" />}
      {board.data?.items.map((n) => (
        <View key={n.id}>
          <NoticeCard notice={n} />
          {committeeOf !== undefined && n.correctedById === null && (n.kind === 'fund_spending' || n.kind === 'public_income') && (
            <Button className="btn btn--small" onClick={() => draft(n.id)} data-testid={`correct-${n.id}`}>更正</Button>
          )}
        </View>
      ))}
    </Screen>
  );
}
