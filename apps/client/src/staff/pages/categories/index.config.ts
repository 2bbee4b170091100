export default definePageConfig({ navigationBarTitleText: '报事类别', enablePullDownRefresh: true });
