// @ts-check
'use strict';

const { parseDatabaseOptionsFromEnv } = require('@nocobase/database');
const { DemoPreset } = require('./DemoPreset');

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
    database: database ?? (await parseDatabaseOptionsFromEnv()),
    resourcer: { prefix: process.env.API_BASE_PATH || '/api' },
    cacheManager: { defaultStore: 'memory', stores: { memory: { store: 'memory', max: 2000 } } },
    logger: { request: { level }, system: { level } },
    plugins: [[DemoPreset, { name: 'nocobase', builtInPlugins }]],
  };
}

module.exports = { demoAppOptions };
