export default definePageConfig({ navigationBarTitleText: '工作日历', enablePullDownRefresh: true });
