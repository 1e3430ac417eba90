// @ts-check
'use strict';

const path = require('node:path');
const { fork } = require('node:child_process');
const { freePort, waitForMessage } = require('../../scripts/lib/processes');
const { createScratchDatabase } = require('../../scripts/lib/scratchDatabase');
const { NocoBaseApi } = require('./nocobaseApi');

/** @typedef {'hookflow' | 'builtin'} BenchSystem */

/**
 * @param {BenchSystem} system
 * @param {Record<string, string>} env
 * @param {boolean} install
 */
async function spawnServer(system, env, install) {
  const child = fork(path.join(__dirname, 'appServer.js'), [], {
    env: { ...process.env, LOGGER_LEVEL: 'warn', ...env, BENCH_SYSTEM: system, BENCH_INSTALL: install ? '1' : '0' },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = /** @type {{ bootMs: number }} */ (await waitForMessage(child, 600_000));
  return { child, bootMs: ready.bootMs };
}

/** A NocoBase app under test, in a process of its own on a scratch database of its own. */
class BenchApp {
  /**
   * @param {string} label
   * @param {BenchSystem} system
   * @param {number} instanceId
   * @returns {Promise<BenchApp>}
   */
  static async start(label, system, instanceId) {
    const database = await createScratchDatabase();
    const port = await freePort();
    const env = { ...database.env, APP_PORT: String(port), BENCH_INSTANCE_ID: String(instanceId) };
    const { child } = await spawnServer(system, env, true);
    const url = `http://127.0.0.1:${port}`;
    return new BenchApp(label, system, url, env, database, child, await NocoBaseApi.signIn(url));
  }

  /**
   * @param {string} label
   * @param {BenchSystem} system
   * @param {string} url
   * @param {Record<string, string>} env
   * @param {import('../../scripts/lib/scratchDatabase').ScratchDatabase} database
   * @param {import('node:child_process').ChildProcess} child
   * @param {NocoBaseApi} api
   */
  constructor(label, system, url, env, database, child, api) {
    this.label = label;
    this.system = system;
    this.url = url;
    this.env = env;
    this.database = database;
    this.child = child;
    this.api = api;
  }

  /** Stops the process and boots a new one on the same database; returns how long it took to answer (ms). */
  async restart() {
    await this.stop();
    const { child, bootMs } = await spawnServer(this.system, this.env, false);
    this.child = child;
    this.api = await NocoBaseApi.signIn(this.url);
    return bootMs;
  }

  /** Memory use after a garbage collection, in MB. */
  async memory() {
    const answer = waitForMessage(this.child, 60_000);
    this.child.send({ type: 'memory' });
    const { rss, heapUsed } = /** @type {{ rss: number, heapUsed: number }} */ (await answer);
    return { rssMb: Math.round(rss / 2 ** 20), heapMb: Math.round(heapUsed / 2 ** 20) };
  }

  async stop() {
    if (this.child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }

  async dispose() {
    await this.stop().catch(() => undefined);
    await this.database.drop().catch(() => undefined);
  }
}

module.exports = { BenchApp };
