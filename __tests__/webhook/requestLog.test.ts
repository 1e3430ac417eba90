import type { Model } from '@nocobase/database';
import { signIn, useTestApp } from '../helpers/testApp';
import { createEnabledWorkflow, eventually } from '../helpers/workflows';

const testApp = useTestApp();

function hook(key: string) {
  return `/api/webhook:trigger/${key}`;
}

async function asyncHook() {
  return createEnabledWorkflow(testApp(), {
    type: 'webhook',
    config: { request: { headers: [{ key: 'X-Event' }] }, response: { statusCode: 202, body: { queued: true } } },
  });
}

function executionsOf(workflowId: number): Promise<Model[]> {
  return testApp()
    .app.db.getRepository('executions')
    .find({ filter: { workflowId }, sort: ['createdAt'] });
}

/** A user whose role may manage workflows (Settings → Workflow) and nothing else. */
async function workflowManager() {
  const db = testApp().app.db;
  await db.getRepository('roles').create({
    values: { name: 'workflow_manager', title: 'Workflow manager', snippets: ['pm.workflow.workflows'] },
  });
  await db.getRepository('users').create({
    values: { email: 'manager@hookflow.test', password: 'manager-password-1', roles: ['workflow_manager'] },
  });
  return signIn(testApp().http, 'manager@hookflow.test', 'manager-password-1');
}

describe('the request log lists the stored requests of one webhook for workflow managers', () => {
  it('pages through the rows with time, answer status, declared headers, query, body and execution', async () => {
    const workflow = await asyncHook();
    for (const n of [1, 2, 3]) {
      await testApp()
        .http.post(`${hook(workflow.key)}?n=${n}`)
        .set('X-Event', 'paid')
        .send({ n })
        .expect(202);
    }
    await eventually(
      () => executionsOf(workflow.id),
      (executions) => executions.length === 3,
    );
    const page = await testApp()
      .get(`/api/webhookInbox:list?filter[workflowKey]=${workflow.key}&sort=-id&pageSize=2`)
      .expect(200);
    expect(page.body.meta.count).toBe(3);
    expect(page.body.data).toHaveLength(2);
    expect(page.body.data[0]).toMatchObject({
      statusCode: 202,
      headers: { 'x-event': 'paid' },
      query: { n: '3' },
      body: { n: 3 },
      status: 'dispatched',
    });
    expect(page.body.data[0].receivedAt).toBeTruthy();
    expect(page.body.data[0].executionId).toBeTruthy();
  });

  it('is open to a role that manages workflows and closed to a plain member', async () => {
    const manager = await workflowManager();
    await testApp().http.get('/api/webhookInbox:list').auth(manager, { type: 'bearer' }).expect(200);
    const member = await testApp().member();
    await testApp().http.get('/api/webhookInbox:list').auth(member.token, { type: 'bearer' }).expect(403);
    await testApp()
      .http.post('/api/webhookInbox:replay?filterByTk=1')
      .auth(member.token, { type: 'bearer' })
      .expect(403);
    await testApp()
      .http.post('/api/webhookInbox:listen?workflowKey=x')
      .auth(member.token, { type: 'bearer' })
      .expect(403);
  });
});

describe('replay runs a stored request again, as a new execution marked as a replay', () => {
  it('stores a replay row and runs it with the stored request', async () => {
    const workflow = await asyncHook();
    await testApp().http.post(hook(workflow.key)).set('X-Event', 'refund').send({ order: 7 }).expect(202);
    const [original] = await eventually<Model[]>(
      () =>
        testApp()
          .app.db.getRepository('webhookInbox')
          .find({ filter: { workflowId: workflow.id } }),
      (rows) => rows.length === 1 && rows[0].get('status') === 'dispatched',
    );
    const answer = await testApp()
      .post(`/api/webhookInbox:replay?filterByTk=${original.get('id')}`)
      .expect(200);
    expect(answer.body.data.id).toBeTruthy();
    const executions = await eventually(
      () => executionsOf(workflow.id),
      (list) => list.length === 2 && list.every((execution) => execution.get('status') === 1),
    );
    const replayed = executions[1].get('context') as { body: unknown; headers: unknown; replayOf: number };
    expect(replayed).toMatchObject({ body: { order: 7 }, headers: { 'x-event': 'refund' } });
    expect(String(replayed.replayOf)).toBe(String(original.get('id')));
    const replayRow = await testApp().app.db.getRepository('webhookInbox').findOne({ filterByTk: answer.body.data.id });
    expect(String(replayRow.get('replayOf'))).toBe(String(original.get('id')));
  });

  it('answers 404 with a JSON error for a request that is not stored', async () => {
    const answer = await testApp().post('/api/webhookInbox:replay?filterByTk=987654321');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ errors: [{ message: 'This stored request does not exist.' }] });
  });

  it('answers 404 when no stored request is named', async () => {
    const answer = await testApp().post('/api/webhookInbox:replay');
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ errors: [{ message: 'This stored request does not exist.' }] });
  });

  it('answers 404 for a request whose workflow has been deleted, and stores nothing', async () => {
    const workflow = await asyncHook();
    await testApp().http.post(hook(workflow.key)).send({ order: 8 }).expect(202);
    const inbox = testApp().app.db.getRepository('webhookInbox');
    const [row] = await eventually<Model[]>(
      () => inbox.find({ filter: { workflowId: workflow.id } }),
      (rows) => rows.length === 1 && rows[0].get('status') === 'dispatched',
    );
    await testApp().app.db.getRepository('workflows').destroy({ filterByTk: workflow.id });
    const answer = await testApp().post(`/api/webhookInbox:replay?filterByTk=${row.get('id')}`);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ errors: [{ message: 'The workflow of this request no longer exists.' }] });
    expect(await inbox.count({ filter: { workflowKey: workflow.key } })).toBe(1);
  });
});

describe('listening for a test request shows the next request to a webhook URL', () => {
  it('returns the next request, whatever it was answered, without credentials', async () => {
    const listening = testApp().post(`/api/webhookInbox:listen?workflowKey=not-enabled-yet`);
    const waited = listening.then((answer) => answer);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await testApp()
      .http.post(`${hook('not-enabled-yet')}?source=test`)
      .set('Authorization', 'Basic c2VjcmV0OnNlY3JldA==')
      .set('X-Event', 'ping')
      .send({ hello: 'world' })
      .expect(404);
    const answer = await waited;
    expect(answer.status).toBe(200);
    expect(answer.body.data.request).toMatchObject({
      method: 'POST',
      query: 'source=test',
      body: '{"hello":"world"}',
      status: 404,
    });
    expect(answer.body.data.request.headers['x-event']).toBe('ping');
    expect(answer.body.data.request.headers.authorization).toBeUndefined();
  });

  it('answers null when no request arrives in time', async () => {
    const answer = await testApp().post('/api/webhookInbox:listen?workflowKey=quiet&timeoutSeconds=1').expect(200);
    expect(answer.body.data).toEqual({ request: null });
  });

  it('refuses a listen without a webhook with 400', async () => {
    const answer = await testApp().post('/api/webhookInbox:listen');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: [{ message: 'Name the webhook to listen to (workflowKey).' }] });
  });
});
