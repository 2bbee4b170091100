export default definePageConfig({ navigationBarTitleText: '申诉裁定', enablePullDownRefresh: true });
