import Taro from '@tarojs/taro';
import { createStore, useStore } from './store.util';

const KEY = 'rb.elderMode';

function initial(): boolean {
  try {
    return Taro.getStorageSync(KEY) === true;
  } catch {
    return false;
  }
}

/** 长辈模式: larger text and stronger contrast, remembered on the device. */
export const elderMode = createStore<boolean>(initial());

export async function setElderMode(on: boolean): Promise<void> {
  elderMode.set(on);
  await Taro.setStorage({ key: KEY, data: on });
}

export const useElderMode = () => useStore(elderMode);
