export default definePageConfig({ navigationBarTitleText: '业主大会', enablePullDownRefresh: true });
