// @ts-check
'use strict';

/*
 * `npm run bench`: this plugin side by side with NocoBase's built-in interceptor (and a bare Koa
 * ceiling), each in a process of its own, loaded by autocannon from a third process. Rounds are
 * interleaved between the systems compared; the median round is reported. `--quick` runs every
 * scenario once for 2 s (CI uses it to keep the bench working; it asserts no timing).
 */
const fs = require('node:fs');
const path = require('node:path');
const { fork } = require('node:child_process');
const { freePort, waitForMessage } = require('../scripts/lib/processes');
const { createScratchDatabase } = require('../scripts/lib/scratchDatabase');
const { buildIfStale } = require('../scripts/build');
const { linkPackageIntoNodeModules } = require('../scripts/lib/linkPackage');
const { NocoBaseApi } = require('./lib/nocobaseApi');

const QUICK = process.argv.includes('--quick');
const DIALECT = process.env.DB_DIALECT || 'sqlite';
const ROUNDS = QUICK ? 1 : 3;
const DURATION_S = QUICK ? 2 : 10;
const WARMUP_S = QUICK ? 1 : 3;
const CONNECTIONS = DIALECT === 'sqlite' ? 1 : 10;
const CONCURRENT_CONNECTIONS = DIALECT === 'sqlite' ? 4 : 10;
const UNRELATED_WORKFLOWS = QUICK ? 50 : 500;
const MEMORY_REQUESTS = QUICK ? 500 : 50_000;
const COLLECTION = 'bench_items';
const RECORD = { title: 'Bench item', amount: 42, note: 'measured' };
const WEBHOOK_BODY = { event: 'order.created', order: { id: 'A-17', note: 'x'.repeat(900) } };

/** @typedef {{ name: string, url: string, child: import('node:child_process').ChildProcess, api: NocoBaseApi, database: import('../scripts/lib/scratchDatabase').ScratchDatabase, env: Record<string, string> }} BenchApp */
/** @typedef {{ requestsPerSecond: number, total: number, p50: number, p99: number, errors: number, statusCodes: Record<string, { count: number }> }} LoadResult */

/**
 * @param {'hookflow' | 'builtin'} system
 * @param {Record<string, string>} env
 * @param {boolean} install
 */
async function spawnApp(system, env, install) {
  const child = fork(path.join(__dirname, 'lib/appServer.js'), [], {
    env: { ...process.env, LOGGER_LEVEL: 'warn', ...env, BENCH_SYSTEM: system, BENCH_INSTALL: install ? '1' : '0' },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = /** @type {{ bootMs: number }} */ (await waitForMessage(child, 600_000));
  return { child, bootMs: ready.bootMs };
}

/**
 * @param {'hookflow' | 'builtin'} system
 * @param {number} instanceId
 * @returns {Promise<BenchApp & { bootMs: number }>}
 */
async function startApp(system, instanceId) {
  const database = await createScratchDatabase();
  const port = await freePort();
  const env = { ...database.env, APP_PORT: String(port), BENCH_INSTANCE_ID: String(instanceId) };
  const { child, bootMs } = await spawnApp(system, env, true);
  const url = `http://127.0.0.1:${port}`;
  const api = await NocoBaseApi.signIn(url);
  return { name: system, url, child, api, database, env, bootMs };
}

/** @param {BenchApp} app */
async function stopApp(app) {
  const exited = new Promise((resolve) => app.child.once('exit', resolve));
  app.child.kill('SIGTERM');
  await exited;
}

/**
 * Restarts an app on its database and returns how long the new process took to answer.
 *
 * @param {BenchApp} app
 */
async function restartApp(app) {
  await stopApp(app);
  const { child, bootMs } = await spawnApp(/** @type {'hookflow' | 'builtin'} */ (app.name), app.env, false);
  app.child = child;
  app.api = await NocoBaseApi.signIn(app.url);
  return bootMs;
}

/**
 * @param {import('autocannon').Options} options
 * @returns {Promise<LoadResult>}
 */
async function load(options) {
  const child = fork(path.join(__dirname, 'lib/load.js'), [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const result = /** @type {LoadResult & { error?: string }} */ (await waitForMessage(child, 3_600_000));
  if (result.error) {
    throw new Error(result.error);
  }
  return result;
}

/**
 * @typedef {{ path: string, body: unknown, headers?: Record<string, string>, connections?: number, amount?: number }} Target
 */

/**
 * @param {string} baseUrl
 * @param {Target} target
 * @param {{ duration?: number, amount?: number, connections?: number }} run
 * @returns {import('autocannon').Options}
 */
function loadOptions(baseUrl, target, run) {
  return {
    url: `${baseUrl}${target.path}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify(target.body),
    connections: run.connections ?? target.connections ?? CONNECTIONS,
    ...(run.amount ? { amount: run.amount } : { duration: run.duration ?? DURATION_S }),
  };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * Warms every system up, then runs the rounds interleaved (A, B, A, B, …) and keeps the median round.
 *
 * @param {{ label: string, url: string, target: Target }[]} systems
 */
async function measure(systems) {
  for (const system of systems) {
    await load(loadOptions(system.url, system.target, { duration: WARMUP_S }));
  }
  /** @type {Record<string, LoadResult[]>} */
  const rounds = {};
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const system of systems) {
      (rounds[system.label] ??= []).push(await load(loadOptions(system.url, system.target, {})));
    }
  }
  /** @type {Record<string, LoadResult>} */
  const medians = {};
  for (const [label, results] of Object.entries(rounds)) {
    const middle = median(results.map((result) => result.requestsPerSecond));
    medians[label] = /** @type {LoadResult} */ (results.find((result) => result.requestsPerSecond === middle));
  }
  return medians;
}

/** @param {number} pid */
function rssMegabytes(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kilobytes / 1024);
}

/** @param {LoadResult} result @param {number} status */
function shareWithStatus(result, status) {
  const total = Object.values(result.statusCodes).reduce((sum, { count }) => sum + count, 0) + result.errors;
  return total ? (result.statusCodes[String(status)]?.count ?? 0) / total : 0;
}

/**
 * The workflows each system needs, disabled until their scenario: the same shapes in both, since this
 * plugin's configs are NocoBase's.
 *
 * @param {BenchApp} app
 */
async function seedWorkflows(app) {
  const { api } = app;
  await api.createCollection(COLLECTION);
  const interception = (/** @type {Record<string, unknown>} */ config) => ({
    type: 'request-interception',
    sync: true,
    config: { collection: COLLECTION, actions: ['create'], ...config },
  });
  const pass = await api.createWorkflow({ title: 'pass-1', ...interception({ global: true }) });
  await api.addNode(pass.id, { type: 'response-message', config: { message: 'ok {{$context.params.values.title}}' } });
  const block = await api.createWorkflow({ title: 'block-1', ...interception({ global: true }) });
  const blockMessage = await api.addNode(block.id, { type: 'response-message', config: { message: 'blocked' } });
  await api.addNode(block.id, { type: 'end', config: { endStatus: -1 }, upstreamId: blockMessage.id });
  const local = await api.createWorkflow({ title: 'local-1', ...interception({ global: false }) });
  await api.addNode(local.id, { type: 'response-message', config: { message: 'local ok' } });
  return { pass, block, local };
}

/** @param {BenchApp} app @param {number} count */
async function seedUnrelatedWorkflows(app, count) {
  const collections = 10;
  for (let index = 0; index < collections; index += 1) {
    await app.api.createCollection(`bench_other_${index}`);
  }
  for (let index = 0; index < count; index += 1) {
    const workflow = await app.api.createWorkflow({
      title: `unrelated-${index}`,
      type: 'request-interception',
      sync: true,
      enabled: true,
      config: { collection: `bench_other_${index % collections}`, global: true, actions: ['create'] },
    });
    await app.api.addNode(workflow.id, { type: 'response-message', config: { message: 'other' } });
  }
}

/** @param {number} value */
const fixed = (value) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');

async function main() {
  await buildIfStale();
  linkPackageIntoNodeModules();
  const started = new Date();
  /** @type {Record<string, Record<string, LoadResult>>} */
  const scenarios = {};
  /** @type {Record<string, number>} */
  const figures = {};

  const ceilingPorts = [await freePort(), await freePort()];
  const ceiling = fork(path.join(__dirname, 'lib/ceiling.js'), ceilingPorts.map(String), { stdio: 'inherit' });
  await waitForMessage(ceiling, 30_000);
  const smallJson = { path: '/', body: RECORD };
  scenarios.ceiling = await measure([
    { label: 'node:http', url: `http://127.0.0.1:${ceilingPorts[0]}`, target: smallJson },
    { label: 'koa', url: `http://127.0.0.1:${ceilingPorts[1]}`, target: smallJson },
  ]);
  ceiling.kill('SIGTERM');

  const hookflow = await startApp('hookflow', 1);
  const builtin = await startApp('builtin', 2);
  const apps = [hookflow, builtin];
  try {
    figures['boot hookflow, 0 workflows (ms)'] = await restartApp(hookflow);
    const seeded = { hookflow: await seedWorkflows(hookflow), builtin: await seedWorkflows(builtin) };
    const create = { path: `/api/${COLLECTION}:create`, body: RECORD };
    const both = (/** @type {(app: BenchApp) => Target} */ target) =>
      apps.map((app) => ({ label: app.name, url: app.url, target: target(app) }));
    const withToken = (/** @type {BenchApp} */ app, /** @type {Target} */ target) => ({
      ...target,
      headers: { authorization: `Bearer ${app.api.token}` },
    });

    scenarios.base = await measure(both((app) => withToken(app, create)));
    for (const [scenario, pick] of /** @type {const} */ ([
      ['pass-1', 'pass'],
      ['block-1', 'block'],
      ['local-1', 'local'],
    ])) {
      for (const app of apps) {
        await app.api.setEnabled(seeded[/** @type {'hookflow' | 'builtin'} */ (app.name)][pick].id, true);
      }
      scenarios[scenario] = await measure(
        both((app) => {
          const workflow = seeded[/** @type {'hookflow' | 'builtin'} */ (app.name)][pick];
          const path = pick === 'local' ? `${create.path}?triggerWorkflows=${workflow.key}` : create.path;
          return withToken(app, { ...create, path });
        }),
      );
      if (pick !== 'local') {
        scenarios[`concurrency ${scenario}`] = await measure(
          both((app) => withToken(app, { ...create, connections: CONCURRENT_CONNECTIONS })),
        );
      }
      for (const app of apps) {
        await app.api.setEnabled(seeded[/** @type {'hookflow' | 'builtin'} */ (app.name)][pick].id, false);
      }
    }

    for (const app of apps) {
      await seedUnrelatedWorkflows(app, UNRELATED_WORKFLOWS);
    }
    scenarios[`nomatch-${UNRELATED_WORKFLOWS}`] = await measure(both((app) => withToken(app, create)));

    const asyncHook = await hookflow.api.createWorkflow({
      title: 'hook-async',
      type: 'webhook',
      sync: false,
      enabled: true,
      config: {},
    });
    const acceptedBefore = await hookflow.api.countExecutions(asyncHook.id);
    scenarios['hook-async'] = await measure([
      {
        label: 'hookflow',
        url: hookflow.url,
        target: { path: `/api/webhook:trigger/${asyncHook.key}`, body: WEBHOOK_BODY },
      },
    ]);
    const drainStarted = Date.now();
    const accepted = await hookflow.api.countInboxRows(asyncHook.key);
    let executed = await hookflow.api.countExecutions(asyncHook.id);
    while (executed - acceptedBefore < accepted && Date.now() - drainStarted < 600_000) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      executed = await hookflow.api.countExecutions(asyncHook.id);
    }
    figures['hook-drain: accepted requests'] = accepted;
    figures['hook-drain: executions after the load'] = executed - acceptedBefore;
    figures['hook-drain: seconds after the load'] = (Date.now() - drainStarted) / 1000;

    const syncHook = await hookflow.api.createWorkflow({
      title: 'hook-sync',
      type: 'webhook',
      sync: true,
      enabled: true,
      config: {
        request: {
          body: [
            { key: 'order.id', _var: 'body_$0' },
            { key: 'event', _var: 'body_$1' },
          ],
        },
      },
    });
    await hookflow.api.addNode(syncHook.id, {
      type: 'response',
      config: { statusCode: 200, body: { id: '{{$context.body.body_$0}}', event: '{{$context.body.body_$1}}' } },
    });
    scenarios['hook-sync'] = await measure([
      {
        label: 'hookflow',
        url: hookflow.url,
        target: { path: `/api/webhook:trigger/${syncHook.key}`, body: WEBHOOK_BODY },
      },
    ]);

    await hookflow.api.setEnabled(seeded.hookflow.pass.id, true);
    const passTarget = withToken(hookflow, create);
    figures['memory pass-1: RSS after warm-up (MB)'] = rssMegabytes(/** @type {number} */ (hookflow.child.pid));
    await load(loadOptions(hookflow.url, passTarget, { amount: MEMORY_REQUESTS }));
    figures[`memory pass-1: RSS after ${MEMORY_REQUESTS} (MB)`] = rssMegabytes(
      /** @type {number} */ (hookflow.child.pid),
    );
    await load(loadOptions(hookflow.url, passTarget, { amount: MEMORY_REQUESTS }));
    figures[`memory pass-1: RSS after ${2 * MEMORY_REQUESTS} (MB)`] = rssMegabytes(
      /** @type {number} */ (hookflow.child.pid),
    );
    await hookflow.api.setEnabled(seeded.hookflow.pass.id, false);

    figures[`boot hookflow, ${UNRELATED_WORKFLOWS} workflows (ms)`] = await restartApp(hookflow);
  } finally {
    for (const app of apps) {
      await stopApp(app).catch(() => undefined);
      await app.database.drop().catch(() => undefined);
    }
  }

  const report = {
    date: started.toISOString(),
    dialect: DIALECT,
    quick: QUICK,
    connections: CONNECTIONS,
    scenarios,
    figures,
  };
  const ratios = ratiosOf(scenarios);
  printMarkdown(report, ratios);
  const directory = QUICK ? path.join(__dirname, '../test-results') : path.join(__dirname, 'results');
  fs.mkdirSync(directory, { recursive: true });
  const file = path.join(directory, `${started.toISOString().slice(0, 10)}-${DIALECT}${QUICK ? '-quick' : ''}.json`);
  fs.writeFileSync(file, `${JSON.stringify({ ...report, ratios }, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
}

/** @param {Record<string, Record<string, LoadResult>>} scenarios */
function ratiosOf(scenarios) {
  const rate = (/** @type {string} */ scenario, /** @type {string} */ system) =>
    scenarios[scenario]?.[system]?.requestsPerSecond ?? NaN;
  const nomatch = Object.keys(scenarios).find((name) => name.startsWith('nomatch-')) ?? 'nomatch';
  return {
    'base / koa ceiling': rate('base', 'hookflow') / rate('ceiling', 'koa'),
    [`${nomatch} / base (hookflow)`]: rate(nomatch, 'hookflow') / rate('base', 'hookflow'),
    [`${nomatch}: hookflow / built-in`]: rate(nomatch, 'hookflow') / rate(nomatch, 'builtin'),
    'pass-1: hookflow / built-in': rate('pass-1', 'hookflow') / rate('pass-1', 'builtin'),
    'block-1: hookflow / built-in': rate('block-1', 'hookflow') / rate('block-1', 'builtin'),
    'local-1: hookflow / built-in': rate('local-1', 'hookflow') / rate('local-1', 'builtin'),
    'pass-1 / base (hookflow)': rate('pass-1', 'hookflow') / rate('base', 'hookflow'),
    'block-1 / base (hookflow)': rate('block-1', 'hookflow') / rate('base', 'hookflow'),
    'local-1 / base (hookflow)': rate('local-1', 'hookflow') / rate('base', 'hookflow'),
    'hook-async / base': rate('hook-async', 'hookflow') / rate('base', 'hookflow'),
    'hook-sync / pass-1': rate('hook-sync', 'hookflow') / rate('pass-1', 'hookflow'),
    'concurrency pass-1 correct (hookflow)': shareWithStatus(scenarios['concurrency pass-1'].hookflow, 200),
    'concurrency pass-1 correct (built-in)': shareWithStatus(scenarios['concurrency pass-1'].builtin, 200),
    'concurrency block-1 correct (hookflow)': shareWithStatus(scenarios['concurrency block-1'].hookflow, 400),
    'concurrency block-1 correct (built-in)': shareWithStatus(scenarios['concurrency block-1'].builtin, 400),
  };
}

/**
 * @param {{ date: string, dialect: string, quick: boolean, connections: number, scenarios: Record<string, Record<string, LoadResult>>, figures: Record<string, number> }} report
 * @param {Record<string, number>} ratios
 */
function printMarkdown(report, ratios) {
  console.log(
    `\n### ${report.date.slice(0, 10)}, ${report.dialect}, ${report.connections} connection(s)${report.quick ? ', quick' : ''}\n`,
  );
  console.log('| scenario | system | req/s (median round) | p50 ms | p99 ms | status codes |');
  console.log('| --- | --- | ---: | ---: | ---: | --- |');
  for (const [scenario, systems] of Object.entries(report.scenarios)) {
    for (const [system, result] of Object.entries(systems)) {
      const codes = Object.entries(result.statusCodes)
        .map(([code, { count }]) => `${code}×${count}`)
        .join(' ');
      console.log(
        `| ${scenario} | ${system} | ${fixed(result.requestsPerSecond)} | ${result.p50} | ${result.p99} | ${codes}${result.errors ? ` errors×${result.errors}` : ''} |`,
      );
    }
  }
  console.log('\n| ratio | value |\n| --- | ---: |');
  for (const [name, value] of Object.entries(ratios)) {
    console.log(`| ${name} | ${fixed(value)} |`);
  }
  console.log('\n| figure | value |\n| --- | ---: |');
  for (const [name, value] of Object.entries(report.figures)) {
    console.log(`| ${name} | ${value} |`);
  }
}

main().catch((error) => {
  console.error('[bench] failed', error);
  process.exit(1);
});
