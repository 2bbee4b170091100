export default definePageConfig({ navigationBarTitleText: '辖区基础数据' });
