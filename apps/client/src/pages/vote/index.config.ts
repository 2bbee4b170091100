export default definePageConfig({ navigationBarTitleText: '业主大会表决', enablePullDownRefresh: true });
