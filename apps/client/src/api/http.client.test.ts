import Taro from '@tarojs/taro';
import { __storage } from '../../test/mocks/taro.mock';
import { ApiError } from './api-error';
import { request } from './http.client';
import { setToken } from './token.store';

const taroRequest = Taro.request as unknown as jest.Mock;

describe('http.client', () => {
  beforeEach(async () => {
    jest.clearAllMocks();
    __storage.clear();
    await setToken('tok');
  });

  it('sends the bearer token to the same-origin /api on H5', async () => {
    taroRequest.mockResolvedValue({ statusCode: 200, data: { ok: true } });
    await expect(request('GET', '/tickets', { query: { status: 'submitted,dispatched', limit: 20, text: undefined } })).resolves.toEqual({ ok: true });
    const call = taroRequest.mock.calls[0][0];
    expect(call.url).toBe('/api/tickets?status=submitted%2Cdispatched&limit=20');
    expect(call.header.Authorization).toBe('Bearer tok');
  });

  it('turns the API’s error code into the Chinese message', async () => {
    taroRequest.mockResolvedValue({ statusCode: 409, data: { code: 'STALE_STATE', message: 'lost a race' } });
    const error = (await request('POST', '/tickets/1/accept').catch((e) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe('工单已被他人处理，请刷新后重试');
    expect(error.detail).toBe('lost a race');
  });

  it('reports an unreachable API as a network error (so a report draft is kept)', async () => {
    taroRequest.mockRejectedValue(new Error('fetch failed'));
    const error = (await request('GET', '/me').catch((e) => e)) as ApiError;
    expect(error.isNetwork).toBe(true);
    expect(error.message).toBe('网络连接失败，请检查网络后重试');
  });

  it('on 401 forgets the token and goes back to the login page', async () => {
    taroRequest.mockResolvedValue({ statusCode: 401, data: { code: 'UNAUTHENTICATED', message: 'expired' } });
    await expect(request('GET', '/me')).rejects.toThrow('请先登录');
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(__storage.has('rb.token')).toBe(false);
  });

  it('does not bounce a wrong password back to the login page', async () => {
    taroRequest.mockResolvedValue({ statusCode: 401, data: { code: 'INVALID_CREDENTIALS', message: 'wrong' } });
    await expect(request('POST', '/auth/login', { anonymous: true })).rejects.toThrow('用户名或密码错误');
    expect(Taro.reLaunch).not.toHaveBeenCalled();
  });
});
