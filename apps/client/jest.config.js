// `pnpm test`: component tests in jsdom (H5 variants of per-platform files) and the compiled
// mini-program driven in Node (builds dist/weapp first when the sources are newer).
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }] };

module.exports = {
  projects: [
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/src'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      transform,
      moduleFileExtensions: ['h5.tsx', 'h5.ts', 'tsx', 'ts', 'js', 'json'],
      moduleNameMapper: {
        '^@tarojs/taro$': '<rootDir>/test/mocks/taro.mock.ts',
        '^@tarojs/components$': '<rootDir>/test/mocks/components.mock.tsx',
        '\\.css$': '<rootDir>/test/mocks/style.mock.ts',
      },
      setupFiles: ['<rootDir>/test/mocks/globals.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/mocks/wait-longer.ts'],
      // findBy…/waitFor may take up to 5 s (wait-longer.ts); a test gets room for a few of them.
      testTimeout: 15_000,
    },
    {
      displayName: 'weapp',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/weapp'],
      testMatch: ['**/*.test.ts'],
      transform,
      globalSetup: '<rootDir>/test/weapp/build-weapp.setup.js',
    },
  ],
};
