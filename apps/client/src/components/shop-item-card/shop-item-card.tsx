import { Button, Text, View } from '@tarojs/components';
import type { ShopItem } from '../../api/api.types';

/** Why a resident cannot redeem the item now, or null when they can. */
export function redeemBlocker(item: ShopItem, balance: number): string | null {
  if (item.stock <= 0) return '已兑完';
  if (balance < item.price) return `还差 ${item.price - balance} 分`;
  return null;
}

/** One 爱心屋 item: price and stock; residents redeem (the button says why when they cannot). */
export function ShopItemCard({ item, balance, onRedeem, busy }: { item: ShopItem; balance?: number; onRedeem?: (item: ShopItem) => void; busy?: boolean }) {
  const blocker = balance === undefined ? null : redeemBlocker(item, balance);
  return (
    <View className="card shop-item" data-item={item.id}>
      <View className="ticket-card__head">
        <Text className="ticket-card__title">{item.name}</Text>
        <Text className="chip">{item.price} 分</Text>
      </View>
      <View className="muted">库存 {item.stock} 件 · {item.communityName}</View>
      {onRedeem && (
        <Button className="btn btn--primary btn--block" disabled={!!blocker || busy} onClick={() => onRedeem(item)} data-testid={`redeem-${item.id}`}>
          {blocker ?? '兑换'}
        </Button>
      )}
    </View>
  );
}
