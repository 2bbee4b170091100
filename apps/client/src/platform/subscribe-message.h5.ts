import type { RequestSubscribe } from './platform.types';

// A browser has no subscribe messages: no prompt, and the 消息 screen shows no opt-in.
export const subscribeAvailable = false;

export const requestSubscribe: RequestSubscribe = async () => null;
