export default definePageConfig({ navigationBarTitleText: '居民绑定申请', enablePullDownRefresh: true });
