// `pnpm test:e2e`: the H5 build in Debian's Chromium (playwright-core) against the real API on a
// throwaway database; see test/e2e/e2e.setup.js.
module.exports = {
  displayName: 'e2e',
  testEnvironment: 'node',
  roots: ['<rootDir>/test/e2e'],
  testMatch: ['**/*.e2e.ts'],
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] },
  globalSetup: '<rootDir>/test/e2e/e2e.setup.js',
  globalTeardown: '<rootDir>/test/e2e/e2e.teardown.js',
  maxWorkers: 1,
  testTimeout: 120000,
};
