export default definePageConfig({ navigationBarTitleText: '积分与爱心屋', enablePullDownRefresh: true });
