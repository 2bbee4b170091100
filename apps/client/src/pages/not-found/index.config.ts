export default definePageConfig({ navigationBarTitleText: '页面找不到' });
