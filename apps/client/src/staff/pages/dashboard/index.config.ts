export default definePageConfig({ navigationBarTitleText: '工单总览', enablePullDownRefresh: true });
