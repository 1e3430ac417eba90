import { useTestApp } from '../helpers/testApp';
import {
  addChain,
  addNode,
  createEnabledWorkflow,
  createWorkflow,
  end,
  END_STATUS,
  failingNode,
  message,
  response,
  setEnabled,
} from '../helpers/workflows';

const testApp = useTestApp();

function hook(key: string) {
  return `/api/webhook:trigger/${key}`;
}

function syncWebhook(config: Record<string, unknown> = {}) {
  return { type: 'webhook', sync: true, config };
}

async function jobsOf(workflowId: number) {
  const execution = await testApp().app.db.getRepository('executions').findOne({ filter: { workflowId } });
  return testApp()
    .app.db.getRepository('jobs')
    .find({ filter: { executionId: execution?.get('id') } });
}

describe('a Response node sets the answer of a synchronous webhook', () => {
  it('answers with its status, headers and templated JSON body', async () => {
    const workflow = await createEnabledWorkflow(testApp(), syncWebhook(), [
      response({
        statusCode: 201,
        headers: [{ name: 'X-Order', value: '{{$context.body.order.id}}' }],
        body: { received: '{{$context.body.order.id}}', note: 'thanks' },
      }),
    ]);
    const answer = await testApp()
      .http.post(hook(workflow.key))
      .send({ order: { id: 'A-17' } });
    expect(answer.status).toBe(201);
    expect(answer.headers['x-order']).toBe('A-17');
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.body).toEqual({ received: 'A-17', note: 'thanks' });
  });

  it('answers a text body as text/plain', async () => {
    const workflow = await createEnabledWorkflow(testApp(), syncWebhook(), [
      response({ statusCode: 200, body: 'hello {{$context.body.name}}' }),
    ]);
    const answer = await testApp().http.post(hook(workflow.key)).send({ name: 'Ann' });
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    expect(answer.text).toBe('hello Ann');
  });

  it('ends the workflow: nodes after it do not run', async () => {
    const workflow = await createEnabledWorkflow(testApp(), syncWebhook(), [
      response({ statusCode: 202, body: { done: true } }),
      failingNode(),
    ]);
    const answer = await testApp().http.post(hook(workflow.key)).send({});
    expect(answer.status).toBe(202);
    const jobs = await jobsOf(workflow.id);
    expect(jobs).toHaveLength(1);
    const execution = await testApp()
      .app.db.getRepository('executions')
      .findOne({ filter: { workflowId: workflow.id } });
    expect(execution?.get('status')).toBe(1);
  });

  it('answers from the branch a condition took', async () => {
    const workflow = await createWorkflow(testApp(), syncWebhook());
    const condition = await addNode(testApp(), workflow.id, {
      type: 'condition',
      config: {
        rejectOnFalse: false,
        engine: 'basic',
        calculation: {
          group: {
            type: 'and',
            calculations: [{ calculator: 'equal', operands: ['{{$context.body.status}}', 'paid'] }],
          },
        },
      },
    });
    await addNode(testApp(), workflow.id, {
      ...response({ statusCode: 200, body: { result: 'accepted' } }),
      upstreamId: condition,
      branchIndex: 1,
    });
    await addNode(testApp(), workflow.id, {
      ...response({ statusCode: 422, body: { result: 'refused {{$context.body.status}}' } }),
      upstreamId: condition,
      branchIndex: 0,
    });
    await setEnabled(testApp(), workflow.id, true);

    const paid = await testApp().http.post(hook(workflow.key)).send({ status: 'paid' });
    expect(paid.status).toBe(200);
    expect(paid.body).toEqual({ result: 'accepted' });
    const pending = await testApp().http.post(hook(workflow.key)).send({ status: 'pending' });
    expect(pending.status).toBe(422);
    expect(pending.body).toEqual({ result: 'refused pending' });
  });

  it('keeps its status when it sets no body, as for a redirect', async () => {
    const workflow = await createEnabledWorkflow(testApp(), syncWebhook(), [
      response({ statusCode: 302, headers: [{ name: 'Location', value: 'https://example.com/done' }] }),
    ]);
    const answer = await testApp().http.post(hook(workflow.key)).send({});
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('https://example.com/done');
    expect(answer.text).toBe('');
  });

  it('fails the workflow rather than send a header with a character HTTP does not allow', async () => {
    const workflow = await createEnabledWorkflow(testApp(), syncWebhook(), [
      response({ statusCode: 200, headers: [{ name: 'X-Name', value: '{{$context.body.name}}' }], body: 'x' }),
    ]);
    const answer = await testApp().http.post(hook(workflow.key)).send({ name: '日本' });
    expect(answer.status).toBe(500);
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.headers['x-name']).toBeUndefined();
  });

  it('fails the workflow rather than send a header a variable broke with a line break', async () => {
    const workflow = await createEnabledWorkflow(testApp(), syncWebhook(), [
      response({ statusCode: 200, headers: [{ name: 'X-Echo', value: '{{$context.body.value}}' }], body: 'x' }),
    ]);
    const answer = await testApp().http.post(hook(workflow.key)).send({ value: 'a\r\nSet-Cookie: stolen=1' });
    expect(answer.status).toBe(500);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['x-echo']).toBeUndefined();
  });
});

describe('a synchronous webhook without a Response node answers by how its workflow ended', () => {
  it('answers 200 ok when the workflow resolved', async () => {
    const workflow = await createEnabledWorkflow(testApp(), syncWebhook(), []);
    const answer = await testApp().http.post(hook(workflow.key)).send({});
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('ok');
  });

  it('answers 500 when the workflow ended as failed', async () => {
    const workflow = await createEnabledWorkflow(testApp(), syncWebhook(), [end(END_STATUS.FAILED)]);
    const answer = await testApp().http.post(hook(workflow.key)).send({});
    expect(answer.status).toBe(500);
    expect(answer.body.errors).toHaveLength(1);
  });
});

describe('the request is parsed into variables', () => {
  it('offers declared headers, the whole query and body, and declared items under their variable names', async () => {
    const workflow = await createEnabledWorkflow(
      testApp(),
      syncWebhook({
        request: {
          headers: [{ key: 'X-Request-Id' }, { key: 'Authorization' }],
          query: [{ key: 'query[0].a', alias: 'First a', _var: 'query_$0' }],
          body: [
            { key: 'order.id', alias: 'Order', _var: 'body_$0' },
            { key: 'items[1].sku', _var: 'body_$1' },
          ],
        },
      }),
      [
        response({
          body: {
            requestId: '{{$context.headers.x-request-id}}',
            authorization: '{{$context.headers.authorization}}',
            firstA: '{{$context.query.query_$0}}',
            nested: '{{$context.query.a.b}}',
            list: '{{$context.query.list}}',
            order: '{{$context.body.body_$0}}',
            sku: '{{$context.body.body_$1}}',
            direct: '{{$context.body.order.id}}',
            undeclared: '{{$context.body.extra}}',
          },
        }),
      ],
    );
    const answer = await testApp()
      .http.post(`${hook(workflow.key)}?query[0][a]=1&a[b]=2&list[]=x&list[]=y`)
      .set('X-Request-Id', 'req-9')
      .set('Authorization', 'Bearer should-not-be-seen')
      .send({ order: { id: 'O-1' }, items: [{ sku: 'S-0' }, { sku: 'S-1' }], extra: 'more' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      requestId: 'req-9',
      firstA: '1',
      nested: '2',
      list: ['x', 'y'],
      order: 'O-1',
      sku: 'S-1',
      direct: 'O-1',
      undeclared: 'more',
    });
    expect(answer.body).not.toHaveProperty('authorization');
  });
});

describe('the URL follows the workflow key across versions', () => {
  it('runs the newly enabled version at the same URL', async () => {
    const first = await createEnabledWorkflow(testApp(), syncWebhook(), [response({ body: { version: 1 } })]);
    const revision = await testApp().post(`/api/workflows:revision?filterByTk=${first.id}&filter[key]=${first.key}`);
    expect(revision.status).toBe(200);
    const second = revision.body.data;
    expect(second.key).toBe(first.key);
    const [node] = await testApp()
      .app.db.getRepository('flow_nodes')
      .find({ filter: { workflowId: second.id } });
    await testApp()
      .post(`/api/flow_nodes:update?filterByTk=${node.get('id')}`)
      .send({ config: { body: { version: 2 } } })
      .expect(200);
    await setEnabled(testApp(), second.id, true);
    const answer = await testApp().http.post(hook(first.key)).send({});
    expect(answer.body).toEqual({ version: 2 });
  });
});

describe('a Response node outside a webhook request has no effect on the answer', () => {
  it('lets an interception workflow go on to its next node', async () => {
    await testApp()
      .post('/api/collections:create')
      .send({ name: 'letters', fields: [{ name: 'title', type: 'string', interface: 'input' }] })
      .expect(200);
    const workflow = await createWorkflow(testApp(), {
      type: 'request-interception',
      config: { collection: 'letters' },
    });
    await addChain(testApp(), workflow.id, [response({ statusCode: 418, body: 'teapot' }), message('went on')]);
    await setEnabled(testApp(), workflow.id, true);
    const answer = await testApp().post(`/api/letters:create?triggerWorkflows=${workflow.key}`).send({ title: 'x' });
    expect(answer.status).toBe(200);
    expect(answer.body.messages).toEqual([{ message: 'went on' }]);
  });
});
