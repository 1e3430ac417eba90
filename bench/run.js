// @ts-check
'use strict';

/*
 * `npm run bench`: this plugin side by side with NocoBase's built-in interceptor, a bare app with no
 * workflow (the base every ratio divides by) and a node:http / Koa ceiling, each in a process of its
 * own, loaded by autocannon from another process. In every scenario the rounds are interleaved
 * between the systems compared and the median round is kept. `--quick` runs every scenario once for
 * 2 s: CI runs it to keep the bench working, and asserts no timing.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fork } = require('node:child_process');
const { freePort, waitForMessage } = require('../scripts/lib/processes');
const { buildIfStale } = require('../scripts/build');
const { linkPackageIntoNodeModules } = require('../scripts/lib/linkPackage');
const { BenchApp } = require('./lib/benchApp');
const { load, loadOptions, measure } = require('./lib/measure');
const { printMarkdown, ratiosOf } = require('./lib/report');
const seed = require('./lib/seed');

const QUICK = process.argv.includes('--quick');
/** `--only=hook-async,nomatch`: run just these scenarios (for a targeted re-measurement); ceiling and base always run. */
const ONLY = (() => {
  const option = process.argv.find((argument) => argument.startsWith('--only='));
  return option ? new Set(option.slice('--only='.length).split(',')) : null;
})();
/** @param {string} name */
const wanted = (name) => !ONLY || ONLY.has(name);
const DIALECT = process.env.DB_DIALECT || 'sqlite';
const SETTINGS = { rounds: QUICK ? 1 : 3, durationS: QUICK ? 2 : 10, warmupS: QUICK ? 1 : 3 };
/** SQLite has one writer at a time: the main scenarios run at 1 connection there, 10 on a server. */
const CONNECTIONS = DIALECT === 'sqlite' ? 1 : 10;
const CONCURRENT_CONNECTIONS = DIALECT === 'sqlite' ? 4 : 10;
const UNRELATED_WORKFLOWS = QUICK ? 50 : 500;
const MEMORY_REQUESTS = QUICK ? 500 : 50_000;
const MEMORY_WARMUP_REQUESTS = QUICK ? 100 : 2_000;
const DRAIN_TIMEOUT_MS = 600_000;

/** @typedef {import('./lib/measure').System} System */
/** @typedef {import('./lib/measure').Target} Target */

/** @param {BenchApp} app @param {Target} target @param {number} [connections] @returns {System} */
function system(app, target, connections = CONNECTIONS, label = app.label) {
  return {
    label,
    url: app.url,
    target: { ...target, headers: { authorization: `Bearer ${app.api.token}` } },
    connections,
  };
}

/** @param {string} collection @param {string} [workflowKey] @returns {Target} */
function createIn(collection, workflowKey) {
  const query = workflowKey ? `?triggerWorkflows=${workflowKey}` : '';
  return { path: `/api/${collection}:create${query}`, body: seed.RECORD };
}

/** @param {string} workflowKey @returns {Target} */
function webhook(workflowKey) {
  return { path: `/api/webhook:trigger/${workflowKey}`, body: seed.WEBHOOK_BODY };
}

/**
 * @param {string} name
 * @param {System[]} systems
 * @param {import('./lib/measure').MeasureSettings} settings
 */
function scenario(name, systems, settings) {
  console.error(`[bench] ${name}: ${systems.map((item) => item.label).join(' / ')}`);
  return measure(systems, settings);
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until every request the inbox accepted has run to its end (the workflow has no node, so its
 * executions resolve); returns how long that took (s).
 *
 * @param {BenchApp} app
 * @param {{ id: number, key: string }} workflow
 */
async function drainInbox(app, workflow) {
  const started = Date.now();
  const accepted = await app.api.countInboxRows(workflow.key);
  while ((await app.api.countExecutions(workflow.id, { status: 1 })) < accepted) {
    if (Date.now() - started > DRAIN_TIMEOUT_MS) {
      throw new Error(`the inbox of ${workflow.key} did not drain in ${DRAIN_TIMEOUT_MS} ms`);
    }
    await sleep(200);
  }
  return (Date.now() - started) / 1000;
}

/** @param {BenchApp[]} apps @param {(app: BenchApp) => number | undefined} workflowOf @param {boolean} enabled */
async function setEnabled(apps, workflowOf, enabled) {
  for (const app of apps) {
    const id = workflowOf(app);
    if (id !== undefined) {
      await app.api.setEnabled(id, enabled);
    }
  }
}

/**
 * RSS and heap after a garbage collection: after a warm-up run, then after each of two runs of
 * MEMORY_REQUESTS requests.
 *
 * @param {BenchApp} app
 * @param {Target} target
 * @param {string} name
 * @param {Record<string, number>} figures
 * @param {() => Promise<unknown>} [settle]
 */
async function memoryScenario(app, target, name, figures, settle) {
  console.error(`[bench] memory ${name}: ${MEMORY_WARMUP_REQUESTS} + 2 × ${MEMORY_REQUESTS} requests`);
  const run = async (/** @type {number} */ amount) => {
    await load(loadOptions(app.url, system(app, target).target, { connections: CONCURRENT_CONNECTIONS, amount }));
    await settle?.();
    return app.memory();
  };
  const warm = await run(MEMORY_WARMUP_REQUESTS);
  const first = await run(MEMORY_REQUESTS);
  const second = await run(MEMORY_REQUESTS);
  figures[`memory ${name}: RSS after warm-up (MB)`] = warm.rssMb;
  figures[`memory ${name}: RSS after ${MEMORY_REQUESTS} (MB)`] = first.rssMb;
  figures[`memory ${name}: RSS after ${2 * MEMORY_REQUESTS} (MB)`] = second.rssMb;
  figures[`memory ${name}: heap after ${2 * MEMORY_REQUESTS} (MB)`] = second.heapMb;
  figures[`memory ${name}: growth over the first run (MB)`] = first.rssMb - warm.rssMb;
  figures[`memory ${name}: growth over the second run (MB)`] = second.rssMb - first.rssMb;
}

async function ceilingScenario() {
  const ports = [await freePort(), await freePort()];
  const ceiling = fork(path.join(__dirname, 'lib/ceiling.js'), ports.map(String), { stdio: 'inherit' });
  await waitForMessage(ceiling, 30_000);
  const smallJson = { path: '/', body: seed.RECORD };
  try {
    return await scenario(
      'ceiling',
      [
        { label: 'node:http', url: `http://127.0.0.1:${ports[0]}`, target: smallJson, connections: CONNECTIONS },
        { label: 'koa', url: `http://127.0.0.1:${ports[1]}`, target: smallJson, connections: CONNECTIONS },
      ],
      SETTINGS,
    );
  } finally {
    ceiling.kill('SIGTERM');
  }
}

async function main() {
  await buildIfStale();
  linkPackageIntoNodeModules();
  const started = new Date();
  /** @type {import('./lib/report').Scenarios} */
  const scenarios = {};
  /** @type {Record<string, number>} */
  const figures = {};

  scenarios.ceiling = await ceilingScenario();

  /** @type {BenchApp[]} */
  const apps = [];
  try {
    const hookflow = await BenchApp.start('hookflow', 'hookflow', 1);
    apps.push(hookflow);
    const builtin = await BenchApp.start('builtin', 'builtin', 2);
    apps.push(builtin);
    const bare = await BenchApp.start('base', 'hookflow', 3);
    apps.push(bare);
    const compared = [hookflow, builtin];
    await bare.api.createCollection(seed.COLLECTION);
    const seeded = new Map([
      [hookflow, await seed.seedInterception(hookflow.api, true)],
      [builtin, await seed.seedInterception(builtin.api, false)],
    ]);
    const workflowsOf = (/** @type {BenchApp} */ app) =>
      /** @type {import('./lib/seed').InterceptionWorkflows} */ (seeded.get(app));
    const base = system(bare, createIn(seed.COLLECTION));

    scenarios.base = await scenario(
      'base',
      [...compared.map((app) => system(app, createIn(seed.COLLECTION))), base],
      SETTINGS,
    );

    const hooks = await seed.seedWebhooks(hookflow.api);
    for (const [name, pick] of /** @type {const} */ ([
      ['pass-1', 'pass'],
      ['block-1', 'block'],
    ])) {
      if (!wanted(name) && !wanted(`concurrency ${name}`) && !(pick === 'pass' && wanted('hook-sync'))) {
        continue;
      }
      const quiet = pick === 'pass' ? 'quietPass' : 'quietBlock';
      await setEnabled(compared, (app) => workflowsOf(app)[pick].id, true);
      await setEnabled([hookflow], (app) => workflowsOf(app)[quiet]?.id, true);
      if (wanted(name)) {
        scenarios[name] = await scenario(
          name,
          [
            ...compared.map((app) => system(app, createIn(seed.COLLECTION))),
            system(hookflow, createIn(seed.QUIET_COLLECTION), CONNECTIONS, 'hookflow, no history'),
            base,
          ],
          SETTINGS,
        );
      }
      if (wanted(`concurrency ${name}`)) {
        scenarios[`concurrency ${name}`] = await scenario(
          `concurrency ${name}`,
          compared.map((app) => system(app, createIn(seed.COLLECTION), CONCURRENT_CONNECTIONS)),
          SETTINGS,
        );
      }
      if (pick === 'pass' && wanted('hook-sync')) {
        scenarios['hook-sync'] = await scenario(
          'hook-sync',
          [
            system(hookflow, webhook(hooks.syncHook.key), CONNECTIONS, 'hook-sync'),
            system(hookflow, createIn(seed.COLLECTION), CONNECTIONS, 'pass-1'),
          ],
          SETTINGS,
        );
      }
      await setEnabled(compared, (app) => workflowsOf(app)[pick].id, false);
      await setEnabled([hookflow], (app) => workflowsOf(app)[quiet]?.id, false);
    }

    if (wanted('local-1')) {
      await setEnabled(compared, (app) => workflowsOf(app).local.id, true);
      scenarios['local-1'] = await scenario(
        'local-1',
        [...compared.map((app) => system(app, createIn(seed.COLLECTION, workflowsOf(app).local.key))), base],
        SETTINGS,
      );
      await setEnabled(compared, (app) => workflowsOf(app).local.id, false);
    }

    // Before the webhook and memory scenarios fill this plugin's database with executions and records,
    // so that the three apps compared write to tables of the same size.
    const nomatch = `nomatch-${UNRELATED_WORKFLOWS}`;
    if (wanted('nomatch') || wanted('boot')) {
      console.error(`[bench] seeding ${UNRELATED_WORKFLOWS} unrelated workflows in each app`);
      for (const app of compared) {
        await seed.seedUnrelatedWorkflows(app.api, UNRELATED_WORKFLOWS);
      }
    }
    if (wanted('nomatch')) {
      scenarios[nomatch] = await scenario(
        nomatch,
        [...compared.map((app) => system(app, createIn(seed.COLLECTION))), base],
        SETTINGS,
      );
    }

    const drain = () => drainInbox(hookflow, hooks.asyncHook);
    if (wanted('hook-async')) {
      scenarios['hook-async'] = await scenario(
        'hook-async',
        [{ ...system(hookflow, webhook(hooks.asyncHook.key)), settle: drain }, base],
        SETTINGS,
      );
      figures['hook-async: seconds per round'] = SETTINGS.durationS;
      figures['hook-drain: seconds after a round (median)'] = scenarios['hook-async'].hookflow.settled ?? NaN;
      const drained = scenarios['hook-async'].hookflow.total;
      figures['hook-drain: executions per second (median round)'] =
        drained / (SETTINGS.durationS + (scenarios['hook-async'].hookflow.settled ?? NaN));
    }

    if (wanted('memory')) {
      await setEnabled([hookflow], (app) => workflowsOf(app).pass.id, true);
      await memoryScenario(hookflow, createIn(seed.COLLECTION), 'pass-1', figures);
      await setEnabled([hookflow], (app) => workflowsOf(app).pass.id, false);
      await memoryScenario(hookflow, webhook(hooks.asyncHook.key), 'hook-async', figures, drain);
    }

    if (wanted('boot')) {
      console.error('[bench] boot');
      figures['boot: without workflows (ms)'] = await bare.restart();
      figures['boot: with the unrelated workflows (ms)'] = await hookflow.restart();
      figures['boot: unrelated workflows'] = UNRELATED_WORKFLOWS;
    }

    const report = {
      date: started.toISOString(),
      dialect: DIALECT,
      quick: QUICK,
      only: ONLY ? [...ONLY] : undefined,
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`,
      connections: CONNECTIONS,
      concurrentConnections: CONCURRENT_CONNECTIONS,
      settings: SETTINGS,
      scenarios,
      figures,
    };
    const ratios = ratiosOf(scenarios, figures, nomatch);
    printMarkdown(report, ratios);
    const directory = QUICK ? path.join(__dirname, '../test-results') : path.join(__dirname, 'results');
    fs.mkdirSync(directory, { recursive: true });
    const file = path.join(
      directory,
      `${started.toISOString().slice(0, 10)}-${DIALECT}${QUICK ? '-quick' : ''}${ONLY ? '-partial' : ''}.json`,
    );
    fs.writeFileSync(file, `${JSON.stringify({ ...report, ratios }, null, 2)}\n`);
    console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
  } finally {
    for (const app of apps) {
      await app.dispose();
    }
  }
}

main().catch((error) => {
  console.error('[bench] failed', error);
  process.exit(1);
});
