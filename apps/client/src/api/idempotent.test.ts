import Taro from '@tarojs/taro';
import { __storage } from '../../test/mocks/taro.mock';
import { ApiError } from './api-error';
import { appealsApi } from './appeals.api';
import { ticketsApi } from './tickets.api';
import { setToken } from './token.store';

const taroRequest = Taro.request as unknown as jest.Mock;
const sentKeys = () => taroRequest.mock.calls.map((c) => c[0].header['Idempotency-Key'] as string | undefined);

describe('Idempotency-Key on ticket actions', () => {
  beforeEach(async () => {
    jest.clearAllMocks();
    __storage.clear();
    await setToken('tok');
  });

  it('a tap again after a lost answer sends the same key; the next action a new one', async () => {
    taroRequest.mockRejectedValueOnce(new Error('timeout')).mockResolvedValue({ statusCode: 200, data: { id: 7, status: 'accepted' } });
    const lost = (await ticketsApi.accept(7).catch((e) => e)) as ApiError;
    expect(lost.isNetwork).toBe(true);
    await expect(ticketsApi.accept(7)).resolves.toEqual({ id: 7, status: 'accepted' });
    await ticketsApi.progress(7, '已联系电工', []);
    const [first, retry, next] = sentKeys();
    expect(first).toMatch(/^[A-Za-z0-9_\-:.]{8,100}$/);
    expect(retry).toBe(first);
    expect(next).not.toBe(first);
  });

  it('a refusal ends the key, and other content is another action', async () => {
    taroRequest
      .mockRejectedValueOnce(new Error('timeout'))
      .mockResolvedValueOnce({ statusCode: 409, data: { code: 'STALE_STATE', message: 'lost a race' } })
      .mockResolvedValue({ statusCode: 200, data: {} });
    await ticketsApi.reject(8, '重复报事').catch(() => undefined); // lost
    await ticketsApi.reject(8, '重复报事').catch(() => undefined); // the same key again, answered 409
    await ticketsApi.reject(8, '重复报事'); // after an answer: a new key
    await ticketsApi.reject(8, '不属于本社区'); // other content: another action, another key
    await appealsApi.decide(3, 'upheld', '诉求超出范围');
    const [lost, retry, fresh, other, appeal] = sentKeys();
    expect(retry).toBe(lost);
    expect(fresh).not.toBe(lost);
    expect(other).not.toBe(fresh);
    expect(other).not.toBe(lost);
    expect(appeal).toMatch(/^[A-Za-z0-9_\-:.]{8,100}$/);
  });
});
