export default definePageConfig({ navigationBarTitleText: '编辑五公开' });
