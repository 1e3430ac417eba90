import { useTestApp } from '../helpers/testApp';
import { countExecutions, createEnabledWorkflow, eventually, response, WorkflowSpec } from '../helpers/workflows';

const testApp = useTestApp();

function post(key: string) {
  return testApp().http.post(`/api/webhook:trigger/${key}`);
}

function syncHook(config: Record<string, unknown>): WorkflowSpec {
  return { type: 'webhook', sync: true, config };
}

const ran = response({ statusCode: 201, body: { ran: true } });

describe('a rate limit answers 429 with Retry-After once a webhook has had its requests', () => {
  it('lets the limit through, then refuses with a JSON error and the seconds to wait', async () => {
    const hook = await createEnabledWorkflow(testApp(), syncHook({ rateLimit: { requests: 2, perSeconds: 60 } }), [
      ran,
    ]);
    await post(hook.key).send({}).expect(201);
    await post(hook.key).send({}).expect(201);
    const refused = await post(hook.key).send({});
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({ errors: [{ message: 'Too many requests to this webhook. Retry later.' }] });
    expect(await countExecutions(testApp(), hook.id)).toBe(2);
  });

  it('counts each webhook on its own', async () => {
    const limited = await createEnabledWorkflow(testApp(), syncHook({ rateLimit: { requests: 1, perSeconds: 60 } }), [
      ran,
    ]);
    const free = await createEnabledWorkflow(testApp(), syncHook({}), [ran]);
    await post(limited.key).send({}).expect(201);
    await post(limited.key).send({}).expect(429);
    await post(free.key).send({}).expect(201);
  });

  it('counts concurrent requests exactly', async () => {
    const hook = await createEnabledWorkflow(testApp(), syncHook({ rateLimit: { requests: 5, perSeconds: 60 } }), [
      ran,
    ]);
    const answers = await Promise.all(Array.from({ length: 12 }, () => post(hook.key).send({})));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
  });
});

describe('allowed addresses refuse other callers with 403', () => {
  it('accepts a caller inside the allowed ranges and refuses one outside', async () => {
    const open = await createEnabledWorkflow(testApp(), syncHook({ allowedIps: ['127.0.0.0/8', '::1'] }), [ran]);
    await post(open.key).send({}).expect(201);
    const closed = await createEnabledWorkflow(testApp(), syncHook({ allowedIps: ['203.0.113.0/24'] }), [ran]);
    const refused = await post(closed.key).send({});
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({ errors: [{ message: 'This address may not call this webhook.' }] });
    expect(await countExecutions(testApp(), closed.id)).toBe(0);
  });

  it('lets every caller through when the list is empty, as a cleared field saves it', async () => {
    const hook = await createEnabledWorkflow(testApp(), syncHook({ allowedIps: [] }), [ran]);
    await post(hook.key).send({}).expect(201);
  });

  it('reads the client address from X-Forwarded-For only when the app trusts its proxy', async () => {
    const hook = await createEnabledWorkflow(testApp(), syncHook({ allowedIps: ['203.0.113.0/24'] }), [ran]);
    await post(hook.key).set('X-Forwarded-For', '203.0.113.9').send({}).expect(403);
    testApp().app.proxy = true;
    try {
      await post(hook.key).set('X-Forwarded-For', '203.0.113.9').send({}).expect(201);
      await post(hook.key).set('X-Forwarded-For', '198.51.100.1').send({}).expect(403);
    } finally {
      testApp().app.proxy = false;
    }
  });
});

describe('conditions let through only the requests a workflow is for, and acknowledge the rest', () => {
  const conditions = [
    { source: 'body', key: 'type', operator: 'in', value: ['order.paid', 'order.refunded'] },
    { source: 'headers', key: 'X-Source', operator: 'equals', value: 'shop' },
    { source: 'query', key: 'live', operator: 'exists' },
  ];
  const config = { conditions, request: { headers: [{ key: 'X-Source' }] } };

  it('runs a request that passes every condition', async () => {
    const hook = await createEnabledWorkflow(testApp(), syncHook(config), [ran]);
    await post(`${hook.key}?live=1`).set('X-Source', 'shop').send({ type: 'order.paid' }).expect(201);
    expect(await countExecutions(testApp(), hook.id)).toBe(1);
  });

  it.each([
    ['a body value outside the list', { type: 'order.created' }, 'shop', '?live=1'],
    ['another header value', { type: 'order.paid' }, 'pos', '?live=1'],
    ['a missing query parameter', { type: 'order.paid' }, 'shop', ''],
  ])('acknowledges %s with 200 ok and runs nothing', async (_case, body, source, query) => {
    const hook = await createEnabledWorkflow(testApp(), syncHook(config), [ran]);
    const answer = await post(`${hook.key}${query}`).set('X-Source', source).send(body);
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('ok');
    expect(await countExecutions(testApp(), hook.id)).toBe(0);
  });

  it('answers an ignored asynchronous request with its configured answer and stores nothing', async () => {
    const hook = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: {
        conditions: [{ source: 'body', key: 'type', operator: 'equals', value: 'wanted' }],
        response: { statusCode: 202, body: { queued: true } },
      },
    });
    await post(hook.key).send({ type: 'noise' }).expect(202, { queued: true });
    await post(hook.key).send({ type: 'wanted' }).expect(202, { queued: true });
    await eventually(
      () => countExecutions(testApp(), hook.id),
      (count) => count === 1,
    );
    expect(
      await testApp()
        .app.db.getRepository('webhookInbox')
        .count({ filter: { workflowId: hook.id } }),
    ).toBe(1);
  });

  it('compares text from a query string with a number or boolean of the config', async () => {
    const hook = await createEnabledWorkflow(
      testApp(),
      syncHook({ conditions: [{ source: 'query', key: 'version', operator: 'equals', value: 2 }] }),
      [ran],
    );
    await post(`${hook.key}?version=2`).send({}).expect(201);
    await post(`${hook.key}?version=3`).send({}).expect(200);
  });

  it('compares a number or boolean of a JSON body with the text the canvas saves', async () => {
    const hook = await createEnabledWorkflow(
      testApp(),
      syncHook({
        conditions: [
          { source: 'body', key: 'amount', operator: 'equals', value: '42' },
          { source: 'body', key: 'live', operator: 'in', value: ['true'] },
        ],
      }),
      [ran],
    );
    await post(hook.key).send({ amount: 42, live: true }).expect(201);
    await post(hook.key).send({ amount: 41, live: true }).expect(200);
    await post(hook.key).send({ amount: 42, live: false }).expect(200);
  });
});
