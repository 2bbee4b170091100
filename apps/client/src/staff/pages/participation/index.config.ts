export default definePageConfig({ navigationBarTitleText: '积分参与情况', enablePullDownRefresh: true });
