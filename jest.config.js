// @ts-check
'use strict';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Browser tests run apart, with `npm run test:e2e`.
  testPathIgnorePatterns: ['/node_modules/', '/__tests__/e2e/'],
  // tsconfig.json sets isolatedModules, so ts-jest only transpiles; type errors are npm run typecheck's job.
  transform: { '^.+\\.tsx?$': 'ts-jest' },
  setupFiles: ['<rootDir>/__tests__/helpers/environment.ts'],
  globalSetup: '<rootDir>/__tests__/helpers/globalSetup.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
