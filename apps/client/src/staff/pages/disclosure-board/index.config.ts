export default definePageConfig({ navigationBarTitleText: '五公开督查', enablePullDownRefresh: true });
