export default definePageConfig({ navigationBarTitleText: '督导通知', enablePullDownRefresh: true });
