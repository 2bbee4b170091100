export default definePageConfig({ navigationBarTitleText: '时限策略', enablePullDownRefresh: true });
