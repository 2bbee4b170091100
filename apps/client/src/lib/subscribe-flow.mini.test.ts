import Taro from '@tarojs/taro';
import { messagesApi } from '../api/messages.api';
import { requestSubscribe } from '../platform/subscribe-message';
import { askAfterReport } from './subscribe-flow';
import { CONSENT_STORAGE_KEY } from './subscribe-consent.util';

// The mini-program side of the flow, with WeChat's prompt mocked (jest otherwise sees the H5 file).
jest.mock('../platform/subscribe-message', () => ({ subscribeAvailable: true, requestSubscribe: jest.fn() }));
jest.mock('../api/messages.api', () => ({ messagesApi: { consents: jest.fn(), recordConsents: jest.fn(async () => ({ items: [] })) } }));

const consents = messagesApi.consents as jest.Mock;
const prompt = requestSubscribe as jest.Mock;
const server = (status: string | null, visit: string | null) =>
  consents.mockResolvedValue({ items: [{ template: 'status', templateId: 'tmpl-status', decision: status }, { template: 'visit', templateId: 'tmpl-visit', decision: visit }] });

describe('askAfterReport in the mini-program', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    Taro.setStorageSync(CONSENT_STORAGE_KEY, {});
  });

  it('asks once for both templates and remembers the answers on the device and the server', async () => {
    server(null, null);
    prompt.mockResolvedValue({ 'tmpl-status': 'accept', 'tmpl-visit': 'reject' });
    await askAfterReport();
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(prompt).toHaveBeenCalledWith(['tmpl-status', 'tmpl-visit']);
    const answers = [{ template: 'status', decision: 'accept' }, { template: 'visit', decision: 'reject' }];
    expect(messagesApi.recordConsents).toHaveBeenCalledWith(answers);
    expect(Taro.getStorageSync(CONSENT_STORAGE_KEY)).toEqual({ status: 'accept', visit: 'reject' });

    // The next report: the refused template is not asked again, even if the server lost the answer.
    server(null, null);
    await askAfterReport();
    expect(prompt).toHaveBeenLastCalledWith(['tmpl-status']);
  });

  it('不用了 on our explanation counts as a refusal: no WeChat prompt, and none next time', async () => {
    server(null, null);
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    await askAfterReport();
    expect(prompt).not.toHaveBeenCalled();
    expect(Taro.getStorageSync(CONSENT_STORAGE_KEY)).toEqual({ status: 'reject', visit: 'reject' });
    await askAfterReport();
    expect(Taro.showModal).toHaveBeenCalledTimes(1);
  });

  it('a failing server never breaks the report flow', async () => {
    consents.mockRejectedValue(new Error('offline'));
    await expect(askAfterReport()).resolves.toBeUndefined();
  });
});
