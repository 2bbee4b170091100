import type { SubscribeConsent } from '../api/api.types';
import { answersFrom, declinedAll, templatesToAsk } from './subscribe-consent.util';

const items = (status: SubscribeConsent['decision'], visit: SubscribeConsent['decision'], statusId: string | null = 'tmpl-status'): SubscribeConsent[] => [
  { template: 'status', templateId: statusId, decision: status },
  { template: 'visit', templateId: 'tmpl-visit', decision: visit },
];

describe('subscribe consent', () => {
  it('asks for configured templates never refused; an accept is asked again (one message per accept)', () => {
    expect(templatesToAsk(items(null, 'accept'), {}).map((i) => i.template)).toEqual(['status', 'visit']);
    expect(templatesToAsk(items(null, null, null), {}).map((i) => i.template)).toEqual(['visit']);
  });

  it('never asks again after a refusal, on the server or on this device', () => {
    expect(templatesToAsk(items('reject', 'ban'), {})).toEqual([]);
    expect(templatesToAsk(items(null, null), { status: 'reject', visit: 'ban' })).toEqual([]);
    expect(templatesToAsk(items(null, null), { status: 'reject' }).map((i) => i.template)).toEqual(['visit']);
  });

  it('maps WeChat’s answers by template id, dropping filter and missing ones', () => {
    const asked = [{ template: 'status' as const, templateId: 'a' }, { template: 'visit' as const, templateId: 'b' }];
    expect(answersFrom(asked, { a: 'accept', b: 'filter' })).toEqual([{ template: 'status', decision: 'accept' }]);
    expect(answersFrom(asked, { a: 'reject', b: 'ban' })).toEqual([{ template: 'status', decision: 'reject' }, { template: 'visit', decision: 'ban' }]);
    expect(declinedAll(asked)).toEqual([{ template: 'status', decision: 'reject' }, { template: 'visit', decision: 'reject' }]);
  });
});
