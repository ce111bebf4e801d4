// Three tiers: unit (no database), integration (*.int.test.ts, real Neo4j through yoga.fetch)
// and end-to-end (*.e2e.test.ts, the built CLI over HTTP). The database tiers share one
// project so that its global setup starts one Neo4j, and only when one of their tests runs.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.check.json' }];

module.exports = {
  // Database tests start Neo4j and load data; unit tests never come near this.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
    {
      displayName: 'db',
      testMatch: ['<rootDir>/test/int/**/*.int.test.ts', '<rootDir>/test/e2e/**/*.e2e.test.ts'],
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
