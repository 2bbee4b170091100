export default definePageConfig({ navigationBarTitleText: '五公开·公示栏', enablePullDownRefresh: true });
