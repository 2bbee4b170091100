export default definePageConfig({ navigationBarTitleText: '整改档案', enablePullDownRefresh: true });
