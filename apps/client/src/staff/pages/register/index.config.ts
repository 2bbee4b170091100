export default definePageConfig({ navigationBarTitleText: '房屋登记与业主认证', enablePullDownRefresh: true });
