import { View } from '@tarojs/components';
import type { Rating, TicketAction } from '@red-butler/domain';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { ApiError, errorText } from '../../api/api-error';
import type { PublicTicket, TicketDetail } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { ActionBar } from '../../components/action-bar/action-bar';
import { RateForm } from '../../components/rate-form/rate-form';
import { Screen } from '../../components/screen/screen';
import { ScreenProblem } from '../../components/not-found/screen-problem';
import { Timeline } from '../../components/timeline/timeline';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useNow } from '../../hooks/use-now.hook';
import { useScreenData } from '../../hooks/use-screen-data.hook';
import { isResidentOnly } from '../../lib/workbench.util';
import { FollowedTicket } from './followed-ticket';
import { TicketAppeals } from './ticket-appeals';
import { TicketDeadlines } from './ticket-deadlines';
import { TicketHeader } from './ticket-header';

/** Detail, the running deadlines, timeline, and the actions the API says this user may take now. */
export default function TicketPage() {
  const me = useSignedIn();
  const now = useNow();
  const id = Number(useRouter().params.id);
  // Reloaded when the page comes back from an action screen (派单, 办结…): show the new state.
  // A follower (也遇到了) is not in the ticket's scope: the full detail is 404 to them, and the public
  // view is what their 消息 opens instead. Anyone else's 404 stays the error it is.
  const [followed, setFollowed] = useState<PublicTicket | null>(null);
  const fetchTicket = async () => {
    try {
      const detail = await ticketsApi.detail(id);
      setFollowed(null);
      return detail;
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      const view = await ticketsApi.publicView(id).catch(() => null);
      setFollowed(view);
      throw error;
    }
  };
  const { data: ticket, setData: setTicket, problem, reload: load } = useScreenData(fetchTicket, !!me);
  const [rating, setRating] = useState(false);
  const [busy, setBusy] = useState(false);

  const act = async (run: () => Promise<TicketDetail>, done: string) => {
    setBusy(true);
    try {
      setTicket(await run());
      setRating(false);
      void Taro.showToast({ title: done, icon: 'success' });
    } catch (error) {
      void Taro.showToast({ title: errorText(error), icon: 'none' });
      void load();
    } finally {
      setBusy(false);
    }
  };

  const onAction = async (action: TicketAction) => {
    if (action === 'rate') return setRating(true);
    if (action === 'cancel') {
      const { confirm } = await Taro.showModal({ title: '撤销报事', content: '确定撤销这条报事吗？撤销后不再处理。' });
      if (confirm) void act(() => ticketsApi.cancel(id), '已撤销');
      return;
    }
    if (action === 'resume') {
      const { confirm } = await Taro.showModal({ title: '恢复计时', content: '确定结束挂起、继续计算办理时限吗？' });
      if (confirm) void act(() => ticketsApi.resume(id), '已恢复计时');
      return;
    }
    void Taro.navigateTo({ url: `/staff/pages/act/index?id=${id}&action=${action}` });
  };

  const rate = (r: Rating, comment: string) => act(() => ticketsApi.rate(id, r, comment || undefined), '感谢评价');

  const unfollow = async () => {
    setBusy(true);
    try {
      await ticketsApi.unfollow(id);
      setFollowed(null);
      void Taro.showToast({ title: '已取消关注', icon: 'success' });
      void Taro.navigateBack().catch(() => undefined);
    } catch (error) {
      void Taro.showToast({ title: errorText(error), icon: 'none' });
    } finally {
      setBusy(false);
    }
  };

  if (followed && !ticket) return <Screen className="detail"><FollowedTicket view={followed} busy={busy} onUnfollow={() => void unfollow()} /></Screen>;
  if (problem && !ticket) return <Screen><ScreenProblem text={problem} /></Screen>;
  if (!ticket) return <Screen><View className="empty">加载中…</View></Screen>;
  return (
    <Screen className="detail">
      <TicketHeader ticket={ticket} />
      {rating && <RateForm busy={busy} onSubmit={rate} />}
      {!rating && <ActionBar allowed={ticket.allowedActions} disabled={busy} onAction={onAction} />}
      <TicketDeadlines deadlines={ticket.deadlines ?? []} now={now} />
      <TicketAppeals
        appeals={ticket.appeals ?? []}
        appealable={ticket.appealable ?? null}
        onAppeal={() => void Taro.navigateTo({ url: `/staff/pages/appeal/index?id=${id}` })}
      />
      <View className="card">
        <View className="section-title">办理进度</View>
        <Timeline events={ticket.timeline} plain={!!me && isResidentOnly(me.roles)} />
      </View>
    </Screen>
  );
}
