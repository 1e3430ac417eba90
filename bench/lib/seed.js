// @ts-check
'use strict';

/** The collection every scenario writes to, and a twin for the variant that keeps no history. */
const COLLECTION = 'bench_items';
const QUIET_COLLECTION = 'bench_quiet';
const RECORD = { title: 'Bench item', amount: 42, note: 'measured' };
const WEBHOOK_BODY = { event: 'order.created', order: { id: 'A-17', note: 'x'.repeat(900) } };
/** NocoBase's end statuses: "Auto delete history" on all of them keeps no history at all. */
const ALL_END_STATUSES = [1, -1, -2, -3, -4, -5];

/**
 * @typedef {{ id: number, key: string }} SeededWorkflow
 * @typedef {{ pass: SeededWorkflow, block: SeededWorkflow, local: SeededWorkflow, quietPass?: SeededWorkflow, quietBlock?: SeededWorkflow }} InterceptionWorkflows
 */

/**
 * @param {string} collection
 * @param {Record<string, unknown>} config
 * @param {Record<string, unknown>} [options]
 */
function interception(collection, config, options) {
  return { type: 'request-interception', sync: true, config: { collection, actions: ['create'], ...config }, options };
}

/**
 * The interception workflows of one app, disabled until their scenario. Both systems get the same
 * shapes, since this plugin's configs are NocoBase's; this plugin also gets the no-history variants.
 *
 * @param {import('./nocobaseApi').NocoBaseApi} api
 * @param {boolean} withQuietVariants
 * @returns {Promise<InterceptionWorkflows>}
 */
async function seedInterception(api, withQuietVariants) {
  await api.createCollection(COLLECTION);
  const passing = async (/** @type {string} */ collection, /** @type {Record<string, unknown>} */ options = {}) => {
    const workflow = await api.createWorkflow({
      title: 'pass-1',
      ...interception(collection, { global: true }, options),
    });
    await api.addNode(workflow.id, {
      type: 'response-message',
      config: { message: 'ok {{$context.params.values.title}}' },
    });
    return workflow;
  };
  const blocking = async (/** @type {string} */ collection, /** @type {Record<string, unknown>} */ options = {}) => {
    const workflow = await api.createWorkflow({
      title: 'block-1',
      ...interception(collection, { global: true }, options),
    });
    const note = await api.addNode(workflow.id, { type: 'response-message', config: { message: 'blocked' } });
    await api.addNode(workflow.id, { type: 'end', config: { endStatus: -1 }, upstreamId: note.id });
    return workflow;
  };
  const local = await api.createWorkflow({ title: 'local-1', ...interception(COLLECTION, { global: false }) });
  await api.addNode(local.id, { type: 'response-message', config: { message: 'local ok' } });
  /** @type {InterceptionWorkflows} */
  const seeded = { pass: await passing(COLLECTION), block: await blocking(COLLECTION), local };
  if (withQuietVariants) {
    await api.createCollection(QUIET_COLLECTION);
    seeded.quietPass = await passing(QUIET_COLLECTION, { deleteExecutionOnStatus: ALL_END_STATUSES });
    seeded.quietBlock = await blocking(QUIET_COLLECTION, { deleteExecutionOnStatus: ALL_END_STATUSES });
  }
  return seeded;
}

/**
 * An asynchronous webhook with the default answer and a synchronous one whose Response node renders
 * two body fields.
 *
 * @param {import('./nocobaseApi').NocoBaseApi} api
 */
async function seedWebhooks(api) {
  const asyncHook = await api.createWorkflow({
    title: 'hook-async',
    type: 'webhook',
    sync: false,
    enabled: true,
    config: {},
  });
  const syncHook = await api.createWorkflow({
    title: 'hook-sync',
    type: 'webhook',
    sync: true,
    config: {
      request: {
        body: [
          { key: 'order.id', _var: 'body_$0' },
          { key: 'event', _var: 'body_$1' },
        ],
      },
    },
  });
  await api.addNode(syncHook.id, {
    type: 'response',
    config: { statusCode: 200, body: { id: '{{$context.body.body_$0}}', event: '{{$context.body.body_$1}}' } },
  });
  await api.setEnabled(syncHook.id, true);
  return { asyncHook, syncHook };
}

/**
 * Enabled interception workflows on ten other collections, none of which the measured requests touch.
 *
 * @param {import('./nocobaseApi').NocoBaseApi} api
 * @param {number} count
 */
async function seedUnrelatedWorkflows(api, count) {
  const collections = 10;
  for (let index = 0; index < collections; index += 1) {
    await api.createCollection(`bench_other_${index}`);
  }
  for (let index = 0; index < count; index += 1) {
    const workflow = await api.createWorkflow({
      title: `unrelated-${index}`,
      enabled: true,
      ...interception(`bench_other_${index % collections}`, { global: true }),
    });
    await api.addNode(workflow.id, { type: 'response-message', config: { message: 'other' } });
  }
}

module.exports = {
  COLLECTION,
  QUIET_COLLECTION,
  RECORD,
  WEBHOOK_BODY,
  seedInterception,
  seedWebhooks,
  seedUnrelatedWorkflows,
};
