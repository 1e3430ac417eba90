import type { Model } from '@nocobase/database';
import supertest from 'supertest';
import { useTestApp } from '../helpers/testApp';
import { countExecutions, createEnabledWorkflow, eventually, setEnabled } from '../helpers/workflows';

const testApp = useTestApp();

function hook(key: string) {
  return `/api/webhook:trigger/${key}`;
}

function inboxRows(workflowId: number): Promise<Model[]> {
  return testApp()
    .app.db.getRepository('webhookInbox')
    .find({ filter: { workflowId }, sort: ['id'] });
}

describe('an asynchronous webhook stores the request, answers at once, then runs it', () => {
  it('answers 200 "ok" as text by default, with the request already in the inbox', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const answer = await testApp().http.post(hook(workflow.key)).send({ n: 1 });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    expect(answer.text).toBe('ok');
    const rows = await inboxRows(workflow.id);
    expect(rows).toHaveLength(1);
    expect(rows[0].get('body')).toEqual({ n: 1 });
  });

  it('answers with the configured status, headers and JSON body', async () => {
    const workflow = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: {
        response: { statusCode: 202, headers: [{ name: 'X-Queued', value: 'yes' }], body: { accepted: true } },
      },
    });
    const answer = await testApp().http.post(hook(workflow.key)).send({});
    expect(answer.status).toBe(202);
    expect(answer.headers['x-queued']).toBe('yes');
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).toEqual({ accepted: true });
  });

  it('keeps a Content-Type the configuration sets', async () => {
    const workflow = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: { response: { headers: [{ name: 'Content-Type', value: 'application/xml' }], body: '<ok/>' } },
    });
    const answer = await testApp().http.post(hook(workflow.key)).send({});
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/xml/);
    expect(answer.text).toBe('<ok/>');
  });

  it('runs each accepted request exactly once, with the request as its context', async () => {
    const workflow = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: { request: { body: [{ key: 'order.id', _var: 'body_$0' }] } },
    });
    for (let i = 0; i < 5; i += 1) {
      await testApp()
        .http.post(hook(workflow.key))
        .send({ order: { id: i } })
        .expect(200);
    }
    await eventually(
      () => inboxRows(workflow.id),
      (rows) => rows.every((row) => row.get('status') === 'dispatched'),
    );
    expect(await countExecutions(testApp(), workflow.id)).toBe(5);
    const executions = await testApp()
      .app.db.getRepository('executions')
      .find({ filter: { workflowId: workflow.id }, sort: ['id'] });
    expect(
      executions.map((execution: Model) => (execution.get('context') as { body: { body_$0: number } }).body.body_$0),
    ).toEqual([0, 1, 2, 3, 4]);
    const rows = await inboxRows(workflow.id);
    expect(new Set(rows.map((row: Model) => row.get('executionId'))).size).toBe(5);
  });
});

describe('acknowledged requests survive the process stopping before they run', () => {
  it('runs every accepted request exactly once after a restart', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const accepted = 20;
    await Promise.all(
      Array.from({ length: accepted }, (_, i) => testApp().http.post(hook(workflow.key)).send({ i }).expect(200)),
    );
    await testApp().restart();
    await eventually(
      () => countExecutions(testApp(), workflow.id),
      (count) => count >= accepted,
    );
    await eventually(
      () => inboxRows(workflow.id),
      (rows) => rows.length === accepted && rows.every((row) => row.get('status') === 'dispatched'),
    );
    // Give a duplicate every chance to appear before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await countExecutions(testApp(), workflow.id)).toBe(accepted);
  });

  it('marks a waiting row whose execution exists already as dispatched, without a second execution', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const db = testApp().app.db;
    const row = await db.getRepository('webhookInbox').create({
      values: { workflowId: workflow.id, workflowKey: workflow.key, receivedAt: new Date(), body: {} },
    });
    const execution = await db.getRepository('executions').create({
      values: {
        workflowId: workflow.id,
        key: workflow.key,
        eventKey: `hookflow-webhook-inbox:${row.get('id')}`,
        context: { headers: {}, query: {}, body: {} },
        status: 1,
        dispatched: true,
      },
    });
    await testApp().restart();
    const [stored] = await eventually(
      () => inboxRows(workflow.id),
      (rows) => rows[0]?.get('status') === 'dispatched',
    );
    expect(String(stored.get('executionId'))).toBe(String(execution.get('id')));
    expect(await countExecutions(testApp(), workflow.id)).toBe(1);
  });

  it('links each dispatched row to its own execution, by id and by event key', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    for (let i = 0; i < 10; i += 1) {
      await testApp().http.post(hook(workflow.key)).send({ i }).expect(200);
    }
    const rows = await eventually(
      () => inboxRows(workflow.id),
      (list) => list.length === 10 && list.every((row) => row.get('status') === 'dispatched'),
    );
    const executions = await testApp()
      .app.db.getRepository('executions')
      .find({ filter: { workflowId: workflow.id } });
    expect(new Set(executions.map((execution: Model) => String(execution.get('id'))))).toEqual(
      new Set(rows.map((row: Model) => String(row.get('executionId')))),
    );
    expect(executions.map((execution: Model) => execution.get('eventKey')).sort()).toEqual(
      rows.map((row: Model) => `hookflow-webhook-inbox:${row.get('id')}`).sort(),
    );
  });
});

describe('an acknowledged request runs even if its workflow version was disabled before it started', () => {
  it('starts a queued inbox execution of a disabled version after a restart', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const db = testApp().app.db;
    const row = await db.getRepository('webhookInbox').create({
      values: {
        workflowId: workflow.id,
        workflowKey: workflow.key,
        receivedAt: new Date(),
        body: {},
        status: 'dispatched',
      },
    });
    // What a process killed right after creating the execution leaves: a queued, never started execution.
    await db.getRepository('executions').create({
      values: {
        workflowId: workflow.id,
        key: workflow.key,
        eventKey: `hookflow-webhook-inbox:${row.get('id')}`,
        context: { headers: {}, query: {}, body: {} },
        status: null,
        dispatched: false,
      },
    });
    await setEnabled(testApp(), workflow.id, false);
    await testApp().restart();
    const executionsOfWorkflow = (): Promise<Model[]> =>
      testApp()
        .app.db.getRepository('executions')
        .find({ filter: { workflowId: workflow.id } });
    const [execution] = await eventually(
      executionsOfWorkflow,
      (executions) => executions.length === 1 && executions[0].get('status') === 1,
    );
    expect(execution.get('status')).toBe(1);
  });
});

describe('the inbox is pruned after its retention period', () => {
  it('deletes finished rows older than 7 days and keeps recent ones', async () => {
    const inbox = testApp().app.db.getRepository('webhookInbox');
    const old = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    const stale = await inbox.create({
      values: { workflowId: 1, workflowKey: 'gone', receivedAt: old, status: 'dispatched' },
    });
    const recent = await inbox.create({
      values: { workflowId: 1, workflowKey: 'gone', receivedAt: new Date(), status: 'dispatched' },
    });
    await testApp().restart();
    await eventually(
      () =>
        testApp()
          .app.db.getRepository('webhookInbox')
          .count({ filterByTk: stale.get('id') }),
      (count) => count === 0,
    );
    expect(
      await testApp()
        .app.db.getRepository('webhookInbox')
        .count({ filterByTk: recent.get('id') }),
    ).toBe(1);
  });
});

describe('the inbox is readable by admins only', () => {
  it('lists rows for root through the standard API', async () => {
    const answer = await testApp().get('/api/webhookInbox:list');
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.body.data)).toBe(true);
  });

  it('refuses a plain member and an anonymous caller', async () => {
    const member = await testApp().member();
    const asMember = await testApp().http.get('/api/webhookInbox:list').auth(member.token, { type: 'bearer' });
    expect(asMember.status).toBe(403);
    const anonymous = await testApp().http.get('/api/webhookInbox:list');
    expect([401, 403]).toContain(anonymous.status);
  });
});

describe('two instances on one database run each request once', () => {
  it('splits requests across both instances and creates exactly one execution per request', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const second = await testApp().anotherInstance();
    try {
      const instances = [testApp().http, supertest.agent(second.callback())];
      const accepted = 30;
      await Promise.all(
        Array.from({ length: accepted }, (_, i) => instances[i % 2].post(hook(workflow.key)).send({ i }).expect(200)),
      );
      await eventually(
        () => inboxRows(workflow.id),
        (rows) => rows.length === accepted && rows.every((row) => row.get('status') === 'dispatched'),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await countExecutions(testApp(), workflow.id)).toBe(accepted);
    } finally {
      await second.destroy();
    }
  });
});
