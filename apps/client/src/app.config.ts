export default defineAppConfig({
  // Main package: what a resident needs (WeChat caps the main package at 2 MB).
  pages: ['pages/index/index', 'pages/login/index', 'pages/report/index', 'pages/tickets/index', 'pages/ticket/index', 'pages/votes/index', 'pages/vote/index', 'pages/compound-trail/index', 'pages/messages/index', 'pages/disclosure/index', 'pages/points/index', 'pages/household/index', 'pages/mine/index', 'pages/not-found/index'],
  // Staff screens load only for staff.
  subPackages: [
    {
      root: 'staff',
      pages: ['pages/queue/index', 'pages/inbox/index', 'pages/act/index', 'pages/dashboard/index', 'pages/visits/index', 'pages/appeal/index', 'pages/appeals/index', 'pages/import/index', 'pages/vote-draft/index', 'pages/register/index', 'pages/notices/index', 'pages/notice/index', 'pages/notice-new/index', 'pages/trail/index', 'pages/notice-draft/index', 'pages/disclosure-reviews/index', 'pages/disclosure-board/index', 'pages/disclosure-edit/index', 'pages/points-desk/index', 'pages/participation/index', 'pages/sla-policies/index', 'pages/work-calendar/index', 'pages/categories/index', 'pages/open311-keys/index', 'pages/subscribe-templates/index', 'pages/people/index', 'pages/person/index', 'pages/households/index', 'pages/audit/index', 'pages/district-import/index', 'pages/district-data/index', 'pages/plan-map/index', 'pages/site-plans/index'],
    },
  ],
  window: {
    backgroundTextStyle: 'dark',
    backgroundColor: '#f4f4f5',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '红管家',
    navigationBarTextStyle: 'white',
  },
  permission: {
    'scope.userLocation': { desc: '用于标记报事位置' },
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
});
