export default definePageConfig({ navigationBarTitleText: '督导整改', enablePullDownRefresh: true });
