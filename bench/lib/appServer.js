// @ts-check
'use strict';

/*
 * One benchmarked NocoBase app in a process of its own: this plugin (BENCH_SYSTEM=hookflow) or
 * NocoBase's built-in interceptor and response-message plugins (BENCH_SYSTEM=builtin), on the
 * database the DB_* variables name. Installs when BENCH_INSTALL=1, then listens on APP_PORT and
 * tells its parent over IPC when it answers.
 */
const http = require('node:http');
const { applyDemoEnvironment } = require('../../scripts/lib/environment');

applyDemoEnvironment();

const { Application } = require('@nocobase/server');
const { demoAppOptions } = require('../../scripts/lib/demoAppOptions');
const { APP_PLUGINS, NOCOBASE_INTERCEPTION_PLUGINS, STANDARD_PLUGINS } = require('../../scripts/lib/demoPlugins');
const { runStaticImports } = require('../../scripts/lib/staticImports');

const PLUGINS = {
  hookflow: APP_PLUGINS,
  builtin: [...STANDARD_PLUGINS, ...NOCOBASE_INTERCEPTION_PLUGINS],
};

async function main() {
  const system = process.env.BENCH_SYSTEM === 'builtin' ? 'builtin' : 'hookflow';
  const plugins = PLUGINS[system];
  await runStaticImports(plugins);
  const app = new Application({
    ...(await demoAppOptions({ builtInPlugins: plugins, name: 'main' })),
    instanceId: Number(process.env.BENCH_INSTANCE_ID || 1),
  });
  if (process.env.BENCH_INSTALL === '1') {
    await app.runCommandThrowError('install');
  }
  await app.runCommandThrowError('start');
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.APP_PORT), '127.0.0.1', () => {
    process.send?.({ ready: true, bootMs: Math.round(process.uptime() * 1000) });
  });
  process.on('SIGTERM', async () => {
    server.close();
    await app.stop().catch(() => undefined);
    process.exit(0);
  });
}

main().catch((error) => {
  console.error('[bench:app] failed to start', error);
  process.exit(1);
});
