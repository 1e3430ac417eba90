// @ts-check
'use strict';

const base = require('./jest.config');

/** Browser end-to-end tests: the demo app in a child process, driven through Debian's Chromium. */
/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/__tests__/e2e/**/*.e2e.ts'],
  testPathIgnorePatterns: [],
  maxWorkers: 1,
  testTimeout: 180000,
};
