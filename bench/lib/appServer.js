// @ts-check
'use strict';

/*
 * One benchmarked NocoBase app in a process of its own: this plugin (BENCH_SYSTEM=hookflow) or
 * NocoBase's built-in interceptor and response-message plugins (BENCH_SYSTEM=builtin), on the
 * database the DB_* variables name. Installs when BENCH_INSTALL=1, then listens on APP_PORT and
 * tells its parent over IPC when it answers. Asked `{ type: 'memory' }`, it collects garbage (when
 * started with --expose-gc) and answers with its memory use; on SIGTERM it finishes the requests in
 * flight before it stops.
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
  const handle = app.callback();
  /** @type {Set<Promise<void>>} */
  const inFlight = new Set();
  // Koa's handler promise, not the socket: autocannon drops its sockets while answers are still being made.
  const server = http.createServer((request, response) => {
    const handled = Promise.resolve(handle(request, response)).finally(() => inFlight.delete(handled));
    inFlight.add(handled);
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.APP_PORT), '127.0.0.1', () => {
    process.send?.({ ready: true, bootMs: Math.round(process.uptime() * 1000) });
  });
  process.on('message', (/** @type {{ type?: string }} */ message) => {
    if (message.type === 'memory') {
      global.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      process.send?.({ type: 'memory', rss, heapUsed });
    }
  });
  process.on('SIGTERM', async () => {
    server.close();
    server.closeIdleConnections();
    await Promise.allSettled([...inFlight]);
    await app.stop().catch(() => undefined);
    process.exit(0);
  });
}

main().catch((error) => {
  console.error('[bench:app] failed to start', error);
  process.exit(1);
});
