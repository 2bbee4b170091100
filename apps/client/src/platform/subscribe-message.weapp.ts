import Taro from '@tarojs/taro';
import type { RequestSubscribe } from './platform.types';

export const subscribeAvailable = true;

/** Must run inside a user's tap (WeChat refuses it otherwise): callers call it from a tap or a modal's confirm. */
export const requestSubscribe: RequestSubscribe = async (templateIds) => {
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: templateIds } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>;
    return Object.fromEntries(templateIds.map((id) => [id, res[id]]).filter(([, v]) => typeof v === 'string'));
  } catch {
    return null; // the prompt failed (old base library, main switch off): nothing was decided
  }
};
