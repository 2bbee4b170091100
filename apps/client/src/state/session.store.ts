import Taro from '@tarojs/taro';
import type { Me, TokenResponse } from '../api/api.types';
import { authApi } from '../api/auth.api';
import { LOGIN_PAGE } from '../api/http.client';
import { orgApi } from '../api/org.api';
import { clearToken, getToken, setToken } from '../api/token.store';
import { clearDraft } from './report-draft.store';
import { createStore, useStore } from './store.util';

/** Who is signed in. `me` is loaded from /api/me after login and on each cold start. */
export const session = createStore<{ me: Me | null }>({ me: null });

export const useMe = () => useStore(session).me;

export const hasToken = () => getToken() !== null;

export async function signIn(token: TokenResponse): Promise<Me> {
  await setToken(token.token);
  orgApi.forget();
  return loadMe();
}

export async function loadMe(): Promise<Me> {
  const me = await authApi.me();
  session.set({ me });
  return me;
}

/** The current user, loading it once per app start; null when signed out. */
export async function ensureMe(): Promise<Me | null> {
  const current = session.get().me;
  if (current) return current;
  if (!hasToken()) return null;
  return loadMe();
}

export async function signOut(): Promise<void> {
  // The server revokes the token (a copy left on this phone or in a log is useless after), best
  // effort: offline, the local sign-out still happens.
  if (hasToken()) await authApi.logout().catch(() => undefined);
  await clearToken();
  // A kept report draft belongs to the person who wrote it, not to the next one on this phone.
  await clearDraft();
  orgApi.forget();
  session.set({ me: null });
  await Taro.reLaunch({ url: LOGIN_PAGE });
}
