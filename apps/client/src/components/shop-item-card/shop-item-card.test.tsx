import { fireEvent, render, screen } from '@testing-library/react';
import type { ShopItem } from '../../api/api.types';
import { ShopItemCard } from './shop-item-card';

const item: ShopItem = { id: 7, communityId: 3, communityName: '安居苑社区', name: '洗衣液 2kg', price: 30, stock: 2, active: true };

describe('ShopItemCard', () => {
  it('redeems when the balance covers the price and there is stock', () => {
    const onRedeem = jest.fn();
    render(<ShopItemCard item={item} balance={30} onRedeem={onRedeem} />);
    expect(screen.getByText('30 分')).toBeTruthy();
    fireEvent.click(screen.getByText('兑换'));
    expect(onRedeem).toHaveBeenCalledWith(item);
  });

  it('says how many points are missing, or that the item is gone', () => {
    const { rerender } = render(<ShopItemCard item={item} balance={12} onRedeem={jest.fn()} />);
    expect(screen.getByText('还差 18 分')).toBeTruthy();
    rerender(<ShopItemCard item={{ ...item, stock: 0 }} balance={100} onRedeem={jest.fn()} />);
    expect(screen.getByText('已兑完')).toBeTruthy();
  });

  it('shows no button to staff (no onRedeem)', () => {
    render(<ShopItemCard item={item} />);
    expect(screen.queryByText('兑换')).toBeNull();
    expect(screen.getByText(/库存 2 件/)).toBeTruthy();
  });
});
