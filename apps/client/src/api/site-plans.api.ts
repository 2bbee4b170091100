import Taro from '@tarojs/taro';
import type { CompoundPlan, PlanPins, SitePlanDoc } from './api.types';
import { apiUrl, authHeader, onUnauthenticated, request } from './http.client';
import { toApiError } from './api-error';

interface CachedPlan {
  etag: string | null;
  body: CompoundPlan;
}

const key = (compoundId: number) => `rb.sitePlan.${compoundId}`;

function cached(compoundId: number): CachedPlan | null {
  try {
    const raw = Taro.getStorageSync(key(compoundId)) as CachedPlan | '' | undefined;
    return raw && typeof raw === 'object' && raw.body ? raw : null;
  } catch {
    return null;
  }
}

const header = (headers: Record<string, string> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] ?? null;

export interface LoadedPlan {
  plan: CompoundPlan | null;
  /** Answered from the device because the network was not there. */
  offline: boolean;
}

/**
 * The compound's 小区平面图, kept on the device: the first load stores it, later loads ask the API
 * "still this ETag?" (304, no body) and, without a network, answer from the device — so a resident
 * in a basement can still mark the spot, and the report waits as a draft until it can be sent.
 * A compound without a plan (or outside the caller's reach) is null: the form falls back to text.
 */
export async function loadCompoundPlan(compoundId: number): Promise<LoadedPlan> {
  const stored = cached(compoundId);
  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    res = await Taro.request({
      url: apiUrl(`/compounds/${compoundId}/plan`),
      method: 'GET',
      header: { ...authHeader(), ...(stored?.etag ? { 'If-None-Match': stored.etag } : {}) },
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    return { plan: stored?.body ?? null, offline: true };
  }
  if (res.statusCode === 304 && stored) return { plan: stored.body, offline: false };
  if (res.statusCode === 200) {
    const body = res.data as CompoundPlan;
    await Taro.setStorage({ key: key(compoundId), data: { etag: header(res.header, 'etag'), body } satisfies CachedPlan });
    return { plan: body, offline: false };
  }
  if (res.statusCode === 404) {
    await Taro.removeStorage({ key: key(compoundId) }).catch(() => undefined);
    return { plan: null, offline: false };
  }
  if (res.statusCode === 401) await onUnauthenticated();
  if (res.statusCode >= 500 && stored) return { plan: stored.body, offline: true };
  throw toApiError(res.statusCode, res.data);
}

export const sitePlansApi = {
  load: loadCompoundPlan,
  pins: (compoundId: number) => request<PlanPins>('GET', `/compounds/${compoundId}/plan/tickets`),
  /** Admins: upload or replace the plan; 400 names the first bad field. */
  save: (compoundId: number, plan: SitePlanDoc) => request<CompoundPlan>('PUT', `/admin/compounds/${compoundId}/plan`, { body: plan }),
};
