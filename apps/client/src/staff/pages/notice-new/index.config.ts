export default definePageConfig({ navigationBarTitleText: '下发督导通知' });
