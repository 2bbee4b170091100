import type { PageChrome } from './platform.types';

// A browser has no title bar of its own: the page draws one, with back and home. The title is the
// document's (Taro sets it from the page config and setNavigationBarTitle).
export const pageChrome: PageChrome = {
  drawsOwnNavBar: true,
  title: () => document.title,
  onTitleChange: (listener) => {
    const head = document.querySelector('head');
    if (!head || typeof MutationObserver === 'undefined') return () => undefined;
    const observer = new MutationObserver(() => listener(document.title));
    observer.observe(head, { subtree: true, childList: true, characterData: true });
    return () => observer.disconnect();
  },
  voiceHint: '不方便打字？点手机键盘上的 🎤 麦克风，说话就能输入',
};
