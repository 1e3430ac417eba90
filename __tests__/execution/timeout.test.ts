import type { Model } from '@nocobase/database';
import { EXECUTION_STATUS } from '@nocobase/plugin-workflow';
import { SLOW_NODE_TYPE, SlowNodePlugin } from '../helpers/slowNodePlugin';
import { useTestApp } from '../helpers/testApp';
import { createCollection, createEnabledWorkflow, eventually, message, response } from '../helpers/workflows';

const TIMEOUT_SECONDS = 1;
const previous = process.env.HOOKFLOW_SYNC_TIMEOUT_SECONDS;
process.env.HOOKFLOW_SYNC_TIMEOUT_SECONDS = String(TIMEOUT_SECONDS);
afterAll(() => {
  if (previous === undefined) {
    delete process.env.HOOKFLOW_SYNC_TIMEOUT_SECONDS;
  } else {
    process.env.HOOKFLOW_SYNC_TIMEOUT_SECONDS = previous;
  }
});

const testApp = useTestApp({ presetPlugins: [[SlowNodePlugin, { name: 'slow-node' }]] }, (app) =>
  createCollection(app, 'tickets', [{ name: 'title', type: 'string', interface: 'input' }]),
);

const slow = (ms: number) => ({ type: SLOW_NODE_TYPE, config: { ms } });
const TIMED_OUT = { errors: [{ message: 'The workflow handling this request did not finish in time.' }] };

async function executionsOf(workflowId: number): Promise<Model[]> {
  return testApp().app.db.getRepository('executions').find({ filter: { workflowId } });
}

describe('a synchronous workflow that takes too long is answered with 504 when the request time is up', () => {
  it('answers an intercepted create with 504, stores nothing, and records the run as aborted by timeout', async () => {
    const workflow = await createEnabledWorkflow(
      testApp(),
      { type: 'request-interception', config: { collection: 'tickets', global: true, actions: ['create'] } },
      [slow(60_000), message('too late')],
    );
    const started = Date.now();
    const answer = await testApp().post('/api/tickets:create').send({ title: 'slow' });
    expect(answer.status).toBe(504);
    expect(answer.body).toEqual(TIMED_OUT);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_SECONDS * 1000 + 5000);
    expect(await testApp().app.db.getRepository('tickets').count()).toBe(0);
    const [execution] = await eventually(
      () => executionsOf(workflow.id),
      (list) => list.length === 1,
    );
    expect(execution.get('status')).toBe(EXECUTION_STATUS.ABORTED);
    expect(execution.get('reason')).toBe('timeout');
  });

  it('answers a synchronous webhook with 504, not with a Response node that comes too late', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', sync: true, config: {} }, [
      slow(60_000),
      response({ statusCode: 200, body: { late: true } }),
    ]);
    const answer = await testApp().http.post(`/api/webhook:trigger/${workflow.key}`).send({});
    expect(answer.status).toBe(504);
    expect(answer.body).toEqual(TIMED_OUT);
    await eventually(
      () => executionsOf(workflow.id),
      (list) => list.length === 1 && list[0].get('status') === EXECUTION_STATUS.ABORTED,
    );
  });

  it('lets a workflow that finishes in time answer as usual', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', sync: true, config: {} }, [
      slow(100),
      response({ statusCode: 201, body: { ok: true } }),
    ]);
    await testApp().http.post(`/api/webhook:trigger/${workflow.key}`).send({}).expect(201, { ok: true });
  });
});
