import type { Activity, ActivitySummary, NewActivity, NewPointsRule, NewShopItem, Participation, PointsMine, PointsRule, Redemption, ShopItem } from './api.types';
import { request } from './http.client';

/** 积分: ledger, rules, 爱心屋 and activities (apps/api/src/points). Body-less actions send `{}`: the API wants a JSON body on POST. */
export const pointsApi = {
  mine: () => request<PointsMine>('GET', '/points/me'),
  rules: () => request<{ items: PointsRule[] }>('GET', '/points/rules'),
  setRule: (rule: NewPointsRule) => request<{ items: PointsRule[] }>('POST', '/points/rules', { body: rule }),
  participation: (from?: string, to?: string) => request<Participation>('GET', '/points/participation', { query: { from, to } }),
  items: () => request<{ items: ShopItem[] }>('GET', '/shop-items'),
  addItem: (item: NewShopItem) => request<ShopItem>('POST', '/shop-items', { body: item }),
  /** 409 OUT_OF_STOCK or POINTS_INSUFFICIENT when someone else got there first. */
  redeem: (itemId: number) => request<Redemption>('POST', `/shop-items/${itemId}/redeem`, { body: {} }),
  redemptions: () => request<{ items: Redemption[] }>('GET', '/redemptions'),
  handOver: (id: number) => request<Redemption>('POST', `/redemptions/${id}/hand-over`, { body: {} }),
  cancel: (id: number) => request<Redemption>('POST', `/redemptions/${id}/cancel`, { body: {} }),
  activities: () => request<{ items: ActivitySummary[] }>('GET', '/activities'),
  activity: (id: number) => request<Activity>('GET', `/activities/${id}`),
  publish: (a: NewActivity) => request<Activity>('POST', '/activities', { body: a }),
  signUp: (id: number) => request<Activity>('POST', `/activities/${id}/signup`, { body: {} }),
  checkIn: (id: number, userId: number) => request<Activity>('POST', `/activities/${id}/check-in`, { body: { userId } }),
};
