import type { PageChrome } from './platform.types';

// WeChat draws the title bar with its own back and home buttons: the page adds none.
export const pageChrome: PageChrome = {
  drawsOwnNavBar: false,
  title: () => '',
  onTitleChange: () => () => undefined,
  voiceHint: '不方便打字？点输入框，再点微信键盘上的 🎤 语音键，说话就能输入',
};
