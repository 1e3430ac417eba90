import { useTestApp } from '../helpers/testApp';
import { addNode, createEnabledWorkflow, createWorkflow } from '../helpers/workflows';

const testApp = useTestApp();

function saveWebhook(config: unknown) {
  return testApp().post('/api/workflows:create').send({ title: 'hook', type: 'webhook', config });
}

async function countWebhooks() {
  return testApp()
    .app.db.getRepository('workflows')
    .count({ filter: { type: 'webhook' } });
}

describe('a webhook config is checked when it is saved', () => {
  it.each([
    ['an unknown field', { secret: 'x' }, 'The webhook settings contain an unknown field.'],
    [
      'Basic auth without a password',
      { basicAuthentication: { username: 'a' } },
      'Basic authentication needs a password.',
    ],
    [
      'Basic auth that is neither off nor credentials',
      { basicAuthentication: 'on' },
      'Basic authentication must be off (false) or a username and password.',
    ],
    ['a parsed item without a key', { request: { body: [{ alias: 'x' }] } }, 'Each parsed item needs a key.'],
    [
      'a header alias that is not text',
      { request: { headers: [{ key: 'X-Id', alias: 7 }] } },
      'An alias must be text.',
    ],
    [
      'an odd variable name',
      { request: { query: [{ key: 'a', _var: 'a-b' }] } },
      'A variable name may use only letters, digits, _ and $.',
    ],
    ['an unknown request field', { request: { cookies: [] } }, 'The request settings contain an unknown field.'],
    [
      'an interim status code (1xx) that would leave the sender waiting',
      { response: { statusCode: 101 } },
      'The status code must be a number from 200 to 599.',
    ],
    ['a status code over 599', { response: { statusCode: 600 } }, 'The status code must be a number from 200 to 599.'],
    [
      'a variable name that would reach a prototype',
      { request: { body: [{ key: 'a', _var: '__proto__' }] } },
      'A variable name cannot be __proto__, constructor or prototype.',
    ],
    [
      'a header value with a line break',
      { response: { headers: [{ name: 'X-A', value: 'a\r\nB: c' }] } },
      'A header value cannot contain line breaks, control characters or characters beyond Latin-1.',
    ],
    [
      'a header value with a character beyond Latin-1',
      { response: { headers: [{ name: 'X-A', value: '日本' }] } },
      'A header value cannot contain line breaks, control characters or characters beyond Latin-1.',
    ],
    [
      'a header name with a space',
      { response: { headers: [{ name: 'X A', value: 'b' }] } },
      "A header name may use only letters, digits and !#$%&'*+-.^_`|~.",
    ],
  ])('rejects %s with 400 and says why, storing nothing', async (_case, config, expected) => {
    const before = await countWebhooks();
    const answer = await saveWebhook(config);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual(expect.arrayContaining([{ message: expected }]));
    expect(await countWebhooks()).toBe(before);
  });

  it('accepts {} and the full NocoBase shape', async () => {
    expect((await saveWebhook({})).status).toBe(200);
    const full = {
      basicAuthentication: { username: 'u', password: 'p' },
      request: {
        headers: [{ key: 'X-Id' }, { key: 'X-Event', alias: 'Event' }],
        query: [{ key: 'query[0].a', alias: 'A', _var: 'query_$0' }],
        body: [{ key: 'data.id', alias: 'Id', _var: 'body_$0' }],
      },
      response: { statusCode: 202, headers: [{ name: 'X-Queued', value: 'yes' }], body: { ok: true } },
    };
    const answer = await saveWebhook(full);
    expect(answer.status).toBe(200);
    expect(answer.body.data.config).toEqual(full);
  });

  it('says why in the language of the request', async () => {
    const answer = await saveWebhook({ response: { statusCode: 700 } }).set('X-Locale', 'zh-CN');
    expect(answer.body.errors).toEqual([{ message: '状态码必须是 200 到 599 之间的数字。' }]);
  });
});

describe('a Response node config is checked when it is saved', () => {
  it.each([
    ['a status code out of range', { statusCode: 600 }],
    ['an unknown field', { status: 200 }],
    ['a header without a name', { headers: [{ value: 'x' }] }],
  ])('rejects %s with 400', async (_case, config) => {
    const workflow = await createWorkflow(testApp(), { type: 'webhook', sync: true, config: {} });
    await expect(addNode(testApp(), workflow.id, { type: 'response', config })).rejects.toThrow(/failed: 400 /);
  });

  it('accepts status, headers and a templated JSON body', async () => {
    const workflow = await createWorkflow(testApp(), { type: 'webhook', sync: true, config: {} });
    const id = await addNode(testApp(), workflow.id, {
      type: 'response',
      config: {
        statusCode: 201,
        headers: [{ name: 'X-Id', value: '{{$context.body.id}}' }],
        body: { id: '{{$context.body.id}}' },
      },
    });
    expect(id).toBeGreaterThan(0);
  });
});

describe('an asynchronous webhook that cannot store a request refuses it with 503', () => {
  it('answers 503 with Retry-After and a JSON error, never a 2xx', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const failure = () => {
      throw new Error('connection to the database lost');
    };
    testApp().app.db.on('webhookInbox.beforeCreate', failure);
    try {
      const answer = await testApp().http.post(`/api/webhook:trigger/${workflow.key}`).send({ a: 1 });
      expect(answer.status).toBe(503);
      expect(answer.headers['retry-after']).toBe('30');
      expect(answer.body).toEqual({
        errors: [{ message: 'The webhook cannot accept requests right now. Please retry later.' }],
      });
      expect(JSON.stringify(answer.body)).not.toContain('connection to the database lost');
    } finally {
      testApp().app.db.off('webhookInbox.beforeCreate', failure);
    }
  });
});
