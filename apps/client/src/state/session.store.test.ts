import Taro from '@tarojs/taro';
import { __storage } from '../../test/mocks/taro.mock';
import { setToken } from '../api/token.store';
import { signOut } from './session.store';

const taroRequest = Taro.request as unknown as jest.Mock;

describe('signOut', () => {
  beforeEach(async () => {
    jest.clearAllMocks();
    __storage.clear();
    await setToken('tok');
  });

  it('revokes the token on the server with its own bearer, then forgets it and goes to the login page', async () => {
    taroRequest.mockResolvedValue({ statusCode: 204, data: '' });
    await signOut();
    const call = taroRequest.mock.calls[0][0];
    expect(call).toMatchObject({ url: '/api/auth/logout', method: 'POST' });
    expect(call.header.Authorization).toBe('Bearer tok');
    expect(__storage.has('rb.token')).toBe(false);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });

  it('still signs out locally when the API cannot be reached', async () => {
    taroRequest.mockRejectedValue(new Error('offline'));
    await signOut();
    expect(__storage.has('rb.token')).toBe(false);
    expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' });
  });
});
