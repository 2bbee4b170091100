// The one interface of each per-platform module (`<name>.h5.ts` / `<name>.weapp.ts`). Taro picks the
// file for the platform being built; jest and tsc see the H5 one.

/** A protected photo (`/api/uploads/:id` needs the bearer token) as a src an <Image> can show. */
export type ResolvePhotoSrc = (url: string) => Promise<string>;

/** Lets the user take or choose up to `max` photos; returns compressed local paths. */
/**
 * The photos chosen, as local paths, as soon as the picker closes. Making one small enough to upload
 * is PreparePhoto's, done as the first part of its upload: the form counts a photo as uploading (and
 * holds 提交) from the moment it was chosen, not only once it has been compressed.
 */
export type PickPhotos = (max: number) => Promise<string[]>;
/** A chosen photo scaled and re-encoded for upload; its own path again if that fails. */
export type PreparePhoto = (path: string) => Promise<string>;

/** A wx.login code for /api/auth/wechat; null where WeChat login does not exist (H5). */
export type WechatCode = () => Promise<string | null>;

export interface PickedLocation {
  lat: number;
  lng: number;
  address?: string;
}

/** Full-screen view of a photo among its siblings (displayable srcs). */
export type PreviewPhotos = (current: string, urls: string[]) => void;

/** Lets staff choose one CSV file (weapp: from a WeChat chat; H5: the file dialog); a local path, or null if cancelled. */
export type PickCsv = () => Promise<{ path: string; name: string } | null>;

/**
 * Downloads an export (`/api/reports/.../export?...`, bearer token needed) and hands it to the user:
 * a saved file in the browser, the document viewer in WeChat (which can forward or save it).
 */
export type DownloadReport = (path: string, filename: string) => Promise<void>;

/** wx.requestSubscribeMessage: each template id's answer ('accept' | 'reject' | 'ban' | 'filter'); null where it does not exist (H5). */
export type RequestSubscribe = (templateIds: string[]) => Promise<Record<string, string> | null>;

/** Lets the user choose one PDF (weapp: from a WeChat chat; H5: the file dialog); a local path and its name, or null if cancelled. */
export type PickPdf = () => Promise<{ path: string; name: string } | null>;

/** Opens a protected PDF (`/api/uploads/:id`, bearer token needed): a new tab in the browser, the document viewer in WeChat. */
export type OpenPdf = (url: string) => Promise<void>;

/** What the page itself must draw around its content on this platform. */
export interface PageChrome {
  /** True on H5: no native title bar, so the page shows its own (title, back, home). */
  drawsOwnNavBar: boolean;
  title: () => string;
  /** Calls back when the title changes (setNavigationBarTitle); returns the unsubscribe. */
  onTitleChange: (listener: (title: string) => void) => () => void;
  /** Where to find voice input (speech to text) on this platform, for the report description. */
  voiceHint: string;
}

/** Lets an admin choose one JSON file (weapp: from a WeChat chat; H5: the file dialog): its name and text, or null if cancelled. */
export type PickJsonText = () => Promise<{ name: string; text: string } | null>;

/** Hands a JSON document to the user to edit offline: a saved file in the browser, the clipboard in WeChat. */
export type ExportJson = (filename: string, text: string) => Promise<void>;
