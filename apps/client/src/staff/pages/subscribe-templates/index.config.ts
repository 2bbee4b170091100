export default definePageConfig({ navigationBarTitleText: '订阅消息模板', enablePullDownRefresh: true });
