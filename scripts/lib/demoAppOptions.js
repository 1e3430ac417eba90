// @ts-check
'use strict';

const { parseDatabaseOptionsFromEnv, Transaction } = require('@nocobase/database');
const { DemoPreset } = require('./DemoPreset');

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/**
 * SQLite lets one writer in at a time, and Sequelize opens a connection per transaction: without a
 * busy timeout a second writer (a background workflow, the webhook inbox) fails with SQLITE_BUSY
 * instead of waiting its turn. Transactions take the write lock when they begin (IMMEDIATE), since a
 * reader that upgrades to a writer mid-transaction fails at once rather than wait. WAL lets readers
 * go on while one connection writes.
 *
 * @param {import('@nocobase/database').IDatabaseOptions} options
 * @returns {import('@nocobase/database').IDatabaseOptions}
 */
function withSqliteWaiting(options) {
  if (options.dialect !== 'sqlite') {
    return options;
  }
  return {
    ...options,
    transactionType: Transaction.TYPES.IMMEDIATE,
    hooks: {
      ...options.hooks,
      afterConnect: (
        /** @type {{ configure(option: 'busyTimeout', ms: number): void, run(sql: string): void }} */ connection,
      ) => {
        connection.configure('busyTimeout', SQLITE_BUSY_TIMEOUT_MS);
        connection.run('PRAGMA journal_mode = WAL');
      },
    },
  };
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
    database: withSqliteWaiting(database ?? (await parseDatabaseOptionsFromEnv())),
    resourcer: { prefix: process.env.API_BASE_PATH || '/api' },
    cacheManager: { defaultStore: 'memory', stores: { memory: { store: 'memory', max: 2000 } } },
    logger: { request: { level }, system: { level } },
    plugins: [[DemoPreset, { name: 'nocobase', builtInPlugins }]],
  };
}

module.exports = { demoAppOptions };
