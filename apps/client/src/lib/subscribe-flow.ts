import Taro from '@tarojs/taro';
import type { SubscribeAnswer } from '../api/api.types';
import { messagesApi } from '../api/messages.api';
import { requestSubscribe, subscribeAvailable } from '../platform/subscribe-message';
import { answersFrom, CONSENT_STORAGE_KEY, declinedAll, templatesToAsk, type LocalConsents } from './subscribe-consent.util';

const readLocal = (): LocalConsents => (Taro.getStorageSync(CONSENT_STORAGE_KEY) as LocalConsents) || {};

async function remember(answers: SubscribeAnswer[]): Promise<void> {
  if (answers.length === 0) return;
  const local = readLocal();
  for (const a of answers) local[a.template] = a.decision;
  Taro.setStorageSync(CONSENT_STORAGE_KEY, local);
  await messagesApi.recordConsents(answers).catch(() => undefined); // the device copy still stops a loop
}

/**
 * Right after a report is submitted (once per report flow): explain, then ask WeChat for 状态通知 and
 * 回访邀请. The modal's confirm is the user's tap WeChat requires. Never throws: the report is made.
 */
export async function askAfterReport(): Promise<void> {
  if (!subscribeAvailable) return;
  try {
    const ask = templatesToAsk((await messagesApi.consents()).items, readLocal());
    if (ask.length === 0) return;
    const { confirm } = await Taro.showModal({ title: '接收办理通知', content: '报事有进展、需要您评价时，通过微信通知您？', confirmText: '接收', cancelText: '不用了' });
    if (!confirm) return void (await remember(declinedAll(ask)));
    const result = await requestSubscribe(ask.map((a) => a.templateId));
    if (result) await remember(answersFrom(ask, result));
  } catch {
    // Consent is a convenience: any failure leaves the report and the in-app 消息 untouched.
  }
}

/** The opt-in from 消息 settings: asks for every configured template, refused before or not (a real tap). */
export async function optIn(): Promise<SubscribeAnswer[]> {
  if (!subscribeAvailable) return [];
  const ask = (await messagesApi.consents()).items.filter((i): i is typeof i & { templateId: string } => !!i.templateId);
  const result = ask.length ? await requestSubscribe(ask.map((a) => a.templateId)) : null;
  const answers = result ? answersFrom(ask, result) : [];
  await remember(answers);
  return answers;
}
