import { defineConfig, type UserConfigExport } from '@tarojs/cli';

// The API origin is baked in at build time. H5 is served by our own static server, which proxies
// `/api` to the API, so it calls same-origin paths; the mini-program needs a full origin.
const apiOrigin = process.env.TARO_ENV === 'weapp' ? process.env.API_URL ?? 'http://127.0.0.1:3000' : '';
// The demo-account picker (dev-login) is on unless a production build turns it off.
const demoMode = process.env.RB_DEMO !== '0';

// packages/domain's ESM build is `"type": "module"` with extensionless relative imports; webpack
// would demand fully specified paths there. Relax that for the workspace package only.
function relaxDomainEsm(chain: any) {
  chain.module.rule('domain-esm').test(/\.js$/).include.add(/packages[\\/]domain[\\/]dist/).end().resolve.set('fullySpecified', false);
}

export default defineConfig<'webpack5'>(async () => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'red-butler',
    date: '2026-1-1',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_ORIGIN: JSON.stringify(apiOrigin),
      DEMO_MODE: JSON.stringify(demoMode),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    logger: { quiet: true, stats: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      optimizeMainPackage: { enable: true },
      webpackChain: relaxDomainEsm,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain: relaxDomainEsm,
      // `pnpm dev:h5`: the dev server proxies /api like the static server does.
      devServer: {
        port: Number(process.env.CLIENT_PORT ?? 10086),
        proxy: { '/api': { target: process.env.API_URL ?? 'http://127.0.0.1:3000', changeOrigin: true } },
      },
    },
  };
  return config;
});
