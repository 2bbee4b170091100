import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import { errorText } from '../api/api-error';
import { LOGIN_PAGE } from '../api/http.client';
import type { Me } from '../api/api.types';
import { ensureMe, useMe } from '../state/session.store';

/** The signed-in user for a page; sends the visitor to the login page when there is none. */
export function useSignedIn(): Me | null {
  const me = useMe();
  useEffect(() => {
    if (me) return;
    ensureMe().then(
      (loaded) => {
        if (!loaded) void Taro.reLaunch({ url: LOGIN_PAGE });
      },
      (error) => void Taro.showToast({ title: errorText(error), icon: 'none' }),
    );
  }, [me]);
  return me;
}
