export default definePageConfig({ navigationBarTitleText: '小区平面图' });
