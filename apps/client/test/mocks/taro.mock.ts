// A small stand-in for @tarojs/taro in jsdom: storage in memory, navigation and UI calls as jest.fn.
const storage = new Map<string, unknown>();

export const __storage = storage;
export const __router = { params: {} as Record<string, string> };

const Taro = {
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorage: jest.fn(async ({ key, data }: { key: string; data: unknown }) => void storage.set(key, data)),
  setStorageSync: jest.fn((key: string, data: unknown) => void storage.set(key, data)),
  removeStorage: jest.fn(async ({ key }: { key: string }) => void storage.delete(key)),
  request: jest.fn(),
  uploadFile: jest.fn(),
  showToast: jest.fn(async () => undefined),
  showModal: jest.fn(async () => ({ confirm: true, cancel: false })),
  navigateTo: jest.fn(async () => undefined),
  redirectTo: jest.fn(async () => undefined),
  reLaunch: jest.fn(async () => undefined),
  navigateBack: jest.fn(async () => undefined),
  previewImage: jest.fn(async () => undefined),
  chooseMedia: jest.fn(),
  setNavigationBarTitle: jest.fn(async () => undefined),
  stopPullDownRefresh: jest.fn(),
  makePhoneCall: jest.fn(async () => undefined),
  setClipboardData: jest.fn(async () => undefined),
  getCurrentPages: jest.fn(() => [] as unknown[]),
  getCurrentInstance: jest.fn(() => ({ router: { path: '/pages/index/index', params: {} } })),
};

export const useRouter = () => __router;
export const useDidShow = jest.fn();
export const usePageNotFound = jest.fn();
export const useDidHide = jest.fn();
export const useUnload = jest.fn();
export const usePullDownRefresh = jest.fn();
export const useReachBottom = jest.fn();

export default Taro;
