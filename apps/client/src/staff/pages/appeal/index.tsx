import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ticketsApi } from '../../../api/tickets.api';
import { Screen } from '../../../components/screen/screen';
import { ScreenProblem } from '../../../components/not-found/screen-problem';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { formatTime } from '../../../lib/format.util';
import { AppealForm } from '../../components/appeal-form';

/** 申诉 on a ticket's 不满意, for the rated handler, while the API still offers it. */
export default function AppealPage() {
  const me = useSignedIn();
  const id = Number(useRouter().params.id);
  const { data: ticket, problem } = useScreenData(() => ticketsApi.detail(id), !!me);

  const done = () => {
    if (Taro.getCurrentPages().length >= 2) void Taro.navigateBack();
    else void Taro.redirectTo({ url: `/pages/ticket/index?id=${id}` });
  };

  if (problem) return <Screen><ScreenProblem text={problem} /></Screen>;
  if (!ticket) return <Screen><View className="empty">加载中…</View></Screen>;
  const offer = ticket.appealable;
  if (!offer) return <Screen><View className="empty">没有可申诉的评价（已申诉或已超过申诉期限）</View></Screen>;
  return (
    <Screen>
      <View className="card act-head">
        <View className="ticket-card__title">{ticket.category.name}</View>
        <View className="muted">{ticket.no} · {ticket.compound.name}</View>
        <View className="detail__desc">居民评价：不满意{ticket.ratingComment ? `“${ticket.ratingComment}”` : ''}</View>
        <View className="hint">申诉截止：{formatTime(offer.deadline)}</View>
      </View>
      <AppealForm ticketId={id} ratingEventId={offer.ratingEventId} onDone={done} />
    </Screen>
  );
}
