// @ts-check
'use strict';

const { THREADPOOL_SIZE } = require('./scripts/lib/environment');

// Test workers inherit it when jest starts them, before their thread pool exists (see environment.js).
process.env.UV_THREADPOOL_SIZE ||= THREADPOOL_SIZE;

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  // Browser tests run apart, with `npm run test:e2e`; *.server.test.ts need a database server (SQLite has none to lose).
  testPathIgnorePatterns: [
    '/node_modules/',
    '/__tests__/e2e/',
    ...((process.env.DB_DIALECT || 'sqlite') === 'sqlite' ? ['\\.server\\.test\\.ts$'] : []),
  ],
  // tsconfig.json sets isolatedModules, so ts-jest only transpiles; type errors are npm run typecheck's job.
  transform: { '^.+\\.tsx?$': 'ts-jest' },
  setupFiles: ['<rootDir>/__tests__/helpers/environment.ts'],
  globalSetup: '<rootDir>/__tests__/helpers/globalSetup.ts',
  testTimeout: 120000,
  maxWorkers: 2,
};
