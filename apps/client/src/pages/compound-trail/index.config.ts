export default definePageConfig({ navigationBarTitleText: '物业督导公示', enablePullDownRefresh: true });
