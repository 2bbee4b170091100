import type { SubscribeAnswer, SubscribeConsent } from '../api/api.types';

export type Decision = SubscribeAnswer['decision'];
/** The last answer per template, kept on the device too, so an offline start still never re-asks. */
export const CONSENT_STORAGE_KEY = 'rb.subscribe-consent';
export type LocalConsents = Partial<Record<SubscribeAnswer['template'], Decision>>;

const refused = (d: Decision | null | undefined) => d === 'reject' || d === 'ban';

/**
 * The templates worth asking for after a report: configured on the server and never refused (on the
 * server or on this device). A refusal is final until the user opts in from 消息; an accept is asked
 * again, since each WeChat accept allows one message only.
 */
export function templatesToAsk(items: SubscribeConsent[], local: LocalConsents): Array<SubscribeConsent & { templateId: string }> {
  return items.filter((i): i is SubscribeConsent & { templateId: string } => !!i.templateId && !refused(local[i.template]) && !refused(i.decision));
}

/** WeChat's answers by template id → our answers by template; 'filter' (hidden by WeChat) and gaps dropped. */
export function answersFrom(asked: Array<{ template: SubscribeAnswer['template']; templateId: string }>, result: Record<string, string>): SubscribeAnswer[] {
  return asked.flatMap((a) => {
    const d = result[a.templateId];
    return d === 'accept' || d === 'reject' || d === 'ban' ? [{ template: a.template, decision: d }] : [];
  });
}

/** Declining our own explanation counts as a refusal of everything asked: no prompt loop after 不用了. */
export function declinedAll(asked: Array<{ template: SubscribeAnswer['template'] }>): SubscribeAnswer[] {
  return asked.map((a) => ({ template: a.template, decision: 'reject' }));
}
