// @ts-check
'use strict';

/*
 * `npm start`: builds the plugin if its sources changed, then boots a NocoBase app in this process
 * with the plugin enabled. The first start installs the schema; later starts reuse it.
 */
const { applyDemoEnvironment, DEFAULT_ROOT_PASSWORD } = require('./lib/environment');

/** @type {string[]} */
let warnings = [];
try {
  // NocoBase reads STORAGE_PATH, LOGGER_* and DB_* when its modules load: settle them first.
  ({ warnings } = applyDemoEnvironment());
} catch (error) {
  console.error(`[hookflow:start] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

const { buildIfStale } = require('./build');
const { linkPackageIntoNodeModules } = require('./lib/linkPackage');

async function start() {
  for (const warning of warnings) {
    console.warn(`[hookflow:start] ${warning}`);
  }
  await buildIfStale();
  linkPackageIntoNodeModules();

  const { AppSupervisor, Gateway } = require('@nocobase/server');
  const { demoAppOptions } = require('./lib/demoAppOptions');
  const { DEMO_PLUGINS } = require('./lib/demoPlugins');
  const { runStaticImports } = require('./lib/staticImports');
  await runStaticImports(DEMO_PLUGINS);

  let announced = false;
  AppSupervisor.getInstance().on('appStatusChanged', ({ appName, status }) => {
    if (appName !== 'main' || status !== 'running' || announced) {
      return;
    }
    announced = true;
    const url = `http://${process.env.APP_HOST}:${process.env.APP_PORT}`;
    console.log(`[hookflow:start] ready on ${url} (API ${url}${process.env.API_BASE_PATH})`);
    const password =
      process.env.INIT_ROOT_PASSWORD === DEFAULT_ROOT_PASSWORD ? DEFAULT_ROOT_PASSWORD : 'INIT_ROOT_PASSWORD';
    console.log(`[hookflow:start] sign in as ${process.env.INIT_ROOT_EMAIL} / ${password}`);
    console.log('[hookflow:start] stop with Ctrl-C');
  });

  // The gateway takes its command from argv, as `nocobase start --quickstart` would give it.
  process.argv = [process.argv[0], process.argv[1], 'start', '--quickstart'];
  await Gateway.getInstance().run({ mainAppOptions: await demoAppOptions() });
}

start().catch((error) => {
  console.error('[hookflow:start] failed to start', error);
  process.exit(1);
});
