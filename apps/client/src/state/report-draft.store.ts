import Taro from '@tarojs/taro';
import type { Channel } from '@red-butler/domain';
import type { Photo } from '../api/api.types';
import type { LocationValue } from '../platform/location-field.types';

export interface ReportFormState {
  categoryId?: number;
  description: string;
  compoundId?: number;
  buildingId?: number;
  /** Where on the compound's 小区平面图 the resident tapped. */
  planPoint?: { x: number; y: number };
  location: LocationValue;
  photos: Photo[];
  channel?: Channel;
  reporterPhone: string;
  hotlineCaseNo?: string;
  /** As typed: `2026-11-25 09:30`, Beijing time. */
  calledAt?: string;
  callerName?: string;
}

/**
 * What was being submitted when the network failed: the form, and the Idempotency-Key sent with
 * exactly this body — so the retry cannot create a second ticket if the first one did arrive.
 */
export interface ReportDraft {
  form: ReportFormState;
  key?: string;
  body?: string;
}

const KEY = 'rb.reportDraft';

export function loadDraft(): ReportDraft | null {
  try {
    const raw = Taro.getStorageSync(KEY) as ReportDraft | '' | undefined;
    return raw && typeof raw === 'object' && raw.form ? raw : null;
  } catch {
    return null;
  }
}

export async function saveDraft(draft: ReportDraft): Promise<void> {
  await Taro.setStorage({ key: KEY, data: draft });
}

export async function clearDraft(): Promise<void> {
  await Taro.removeStorage({ key: KEY }).catch(() => undefined);
}
