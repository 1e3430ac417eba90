// @ts-check
'use strict';

const { parseDatabaseOptionsFromEnv, Transaction } = require('@nocobase/database');
const { DemoPreset } = require('./DemoPreset');

/**
 * SQLite lets one writer in at a time. Transactions take the write lock when they begin (IMMEDIATE),
 * since a reader that upgrades to a writer mid-transaction fails at once rather than wait.
 *
 * @param {import('@nocobase/database').IDatabaseOptions} options
 * @returns {import('@nocobase/database').IDatabaseOptions}
 */
function withImmediateTransactions(options) {
  return options.dialect === 'sqlite' ? { ...options, transactionType: Transaction.TYPES.IMMEDIATE } : options;
}

/**
 * Options of the NocoBase application that `npm start`, the benchmarks and the tests boot.
 *
 * @param {{ builtInPlugins?: string[], name?: string, database?: import('@nocobase/database').IDatabaseOptions }} [overrides]
 * @returns {Promise<import('@nocobase/server').ApplicationOptions>}
 */
async function demoAppOptions({ builtInPlugins, name, database } = {}) {
  const level = process.env.LOGGER_LEVEL || 'info';
  return {
    name,
    database: withImmediateTransactions(database ?? (await parseDatabaseOptionsFromEnv())),
    resourcer: { prefix: process.env.API_BASE_PATH || '/api' },
    cacheManager: { defaultStore: 'memory', stores: { memory: { store: 'memory', max: 2000 } } },
    logger: { request: { level }, system: { level } },
    plugins: [[DemoPreset, { name: 'nocobase', builtInPlugins }]],
  };
}

module.exports = { demoAppOptions };
