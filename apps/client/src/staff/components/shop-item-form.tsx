import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';
import type { ShopItem } from '../../api/api.types';
import { pointsApi } from '../../api/points.api';
import { useSubmit } from './use-submit.hook';

/** 上架: a 爱心屋 item with its point price and stock. */
export function ShopItemForm({ communityId, onAdded }: { communityId: number; onAdded: (i: ShopItem) => void }) {
  const [name, setName] = useState('');
  const [price, setPrice] = useState('');
  const [stock, setStock] = useState('');
  const { busy, problem, setProblem, submit } = useSubmit(onAdded, '已上架');
  const send = () => {
    if (!name.trim() || !(Number(price) > 0) || !(Number(stock) >= 0) || stock === '') return setProblem('请填写物品名称、所需积分和库存');
    void submit(() => pointsApi.addItem({ communityId, name: name.trim(), price: Number(price), stock: Number(stock) }));
  };
  return (
    <View className="card form">
      <Input className="input" placeholder="物品，如：洗衣液 2kg" value={name} onInput={(e) => setName(e.detail.value)} data-testid="item-name" />
      <Input className="input" type="number" placeholder="所需积分" value={price} onInput={(e) => setPrice(e.detail.value)} data-testid="item-price" />
      <Input className="input" type="number" placeholder="库存" value={stock} onInput={(e) => setStock(e.detail.value)} data-testid="item-stock" />
      {problem && <View className="error-text">{problem}</View>}
      <Button className="btn btn--block" disabled={busy} onClick={send} data-testid="item-submit">上架</Button>
    </View>
  );
}
