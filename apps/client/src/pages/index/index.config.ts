export default definePageConfig({ navigationBarTitleText: '红管家' });
