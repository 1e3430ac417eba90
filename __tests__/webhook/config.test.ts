import { useTestApp } from '../helpers/testApp';
import { addNode, createEnabledWorkflow, createWorkflow } from '../helpers/workflows';

const testApp = useTestApp();

const WHSEC = `whsec_${Buffer.from('a-32-byte-standard-webhooks-key!').toString('base64')}`;

function saveWebhook(config: unknown) {
  return testApp().post('/api/workflows:create').send({ title: 'hook', type: 'webhook', config });
}

async function countWebhooks() {
  return testApp()
    .app.db.getRepository('workflows')
    .count({ filter: { type: 'webhook' } });
}

async function expectRefusedOnSave(_case: string, config: unknown, expected: string) {
  const before = await countWebhooks();
  const answer = await saveWebhook(config);
  expect(answer.status).toBe(400);
  expect(answer.body.errors).toEqual(expect.arrayContaining([{ message: expected }]));
  expect(await countWebhooks()).toBe(before);
}

describe('a webhook config is checked when it is saved', () => {
  it.each([
    ['an unknown field', { secret: 'x' }, 'The webhook settings contain an unknown field.'],
    ['a field named like a prototype property', { constructor: 'x' }, 'The webhook settings contain an unknown field.'],
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
  ])('rejects %s with 400 and says why, storing nothing', expectRefusedOnSave);

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

describe('signature, deduplication, rate limit, conditions and addresses are checked when a webhook is saved', () => {
  it.each([
    [
      'an unknown signature scheme',
      { signature: { type: 'aws', secret: 'x' } },
      'Choose a signature scheme: standard-webhooks, github, stripe or hmac.',
    ],
    [
      'a signature without a secret',
      { signature: { type: 'github' } },
      'A signature needs a secret, or a list of secrets.',
    ],
    [
      'an empty list of secrets',
      { signature: { type: 'stripe', secret: [] } },
      'A signature needs a secret, or a list of secrets.',
    ],
    [
      'a Standard Webhooks secret that is not whsec_ base64',
      { signature: { type: 'standard-webhooks', secret: 'plain text secret' } },
      'A Standard Webhooks secret is whsec_ (or whpk_ for a public key) followed by base64.',
    ],
    [
      'an HMAC signature without its header',
      { signature: { type: 'hmac', secret: 's', algorithm: 'sha256', encoding: 'hex' } },
      'An HMAC signature needs the header that carries it.',
    ],
    [
      'an HMAC algorithm that is not offered',
      { signature: { type: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'md5', encoding: 'hex' } },
      'The HMAC algorithm must be sha1, sha256 or sha512.',
    ],
    [
      'an HMAC encoding that is not offered',
      { signature: { type: 'hmac', secret: 's', header: 'X-Sig', algorithm: 'sha256', encoding: 'base32' } },
      'The HMAC encoding must be hex or base64.',
    ],
    [
      'signed content without the body',
      {
        signature: {
          type: 'hmac',
          secret: 's',
          header: 'X-Sig',
          algorithm: 'sha256',
          encoding: 'hex',
          signedContent: '{timestamp}',
        },
      },
      'The signed content must include the request body.',
    ],
    [
      'an HMAC field on a provider scheme',
      { signature: { type: 'github', secret: 's', header: 'X-Sig' } },
      'The signature settings contain an unknown field.',
    ],
    [
      'a tolerance of zero',
      { signature: { type: 'stripe', secret: 'whsec_x', toleranceSeconds: 0 } },
      'The tolerance must be a whole number of seconds from 1 to 86400.',
    ],
    [
      'deduplication without a window',
      { dedupe: { header: 'X-Id' } },
      'Deduplication needs a window in seconds, from 1 to 2592000 (30 days).',
    ],
    [
      'deduplication with a window over 30 days',
      { dedupe: { header: 'X-Id', windowSeconds: 2592001 } },
      'Deduplication needs a window in seconds, from 1 to 2592000 (30 days).',
    ],
    [
      'deduplication without a header where no preset gives one',
      { dedupe: { windowSeconds: 60 } },
      'Deduplication needs the header that carries the delivery id.',
    ],
    [
      'a rate limit without a period',
      { rateLimit: { requests: 10 } },
      'A rate limit needs a number of requests (at least 1) and a period in seconds (1 to 86400).',
    ],
    [
      'a rate limit of zero requests',
      { rateLimit: { requests: 0, perSeconds: 1 } },
      'A rate limit needs a number of requests (at least 1) and a period in seconds (1 to 86400).',
    ],
    [
      'a condition with an unknown operator',
      { conditions: [{ source: 'body', key: 'type', operator: 'contains', value: 'x' }] },
      'Each condition needs a source (headers, query or body), a key and an operator (equals, in or exists).',
    ],
    [
      'an "in" condition without a list',
      { conditions: [{ source: 'body', key: 'type', operator: 'in', value: 'x' }] },
      'A condition "equals" needs a value, and "in" a list of values.',
    ],
    [
      'an "exists" condition with a value',
      { conditions: [{ source: 'query', key: 'a', operator: 'exists', value: 1 }] },
      'A condition "exists" takes no value.',
    ],
    [
      'a condition on a header that is not declared',
      { conditions: [{ source: 'headers', key: 'X-Event', operator: 'exists' }] },
      'A condition on a header needs that header in the list of request headers.',
    ],
    [
      'an allowed address that is not an address',
      { allowedIps: ['10.0.0.0/33'] },
      'Each allowed address must be an IP address or a CIDR range, e.g. 203.0.113.0/24.',
    ],
    [
      'a raw body switch that is not a boolean',
      { request: { rawBody: 'yes' } },
      'Offering the raw body is on (true) or off (false).',
    ],
  ])('rejects %s with 400 and says why, storing nothing', expectRefusedOnSave);

  it('accepts every provider scheme, rotation lists and the other settings together', async () => {
    const configs = [
      { signature: { type: 'standard-webhooks', secret: [WHSEC, WHSEC] }, dedupe: { windowSeconds: 600 } },
      { signature: { type: 'github', secret: 'gh-secret' }, dedupe: { windowSeconds: 3600 } },
      { signature: { type: 'stripe', secret: 'whsec_abc', toleranceSeconds: 600 }, dedupe: { windowSeconds: 86400 } },
      {
        signature: {
          type: 'hmac',
          secret: ['one', 'two'],
          header: 'X-Signature',
          algorithm: 'sha512',
          encoding: 'base64',
          prefix: 'v1=',
          timestampHeader: 'X-Timestamp',
          signedContent: '{timestamp}:{body}',
        },
        dedupe: { header: 'X-Delivery', windowSeconds: 60 },
        rateLimit: { requests: 100, perSeconds: 60 },
        conditions: [
          { source: 'headers', key: 'X-Event', operator: 'in', value: ['a', 'b'] },
          { source: 'body', key: 'data.id', operator: 'exists' },
          { source: 'query', key: 'mode', operator: 'equals', value: 'live' },
        ],
        allowedIps: ['203.0.113.0/24', '2001:db8::/32', '198.51.100.7'],
        request: { headers: [{ key: 'X-Event' }], rawBody: true },
      },
    ];
    for (const config of configs) {
      const answer = await saveWebhook(config);
      expect(answer.status).toBe(200);
    }
  });

  it('says why in the language of the request', async () => {
    const answer = await saveWebhook({ rateLimit: { requests: 0, perSeconds: 1 } }).set('X-Locale', 'ru-RU');
    expect(answer.body.errors).toEqual([
      { message: 'Для ограничения частоты нужно число запросов (не меньше 1) и период в секундах (от 1 до 86400).' },
    ]);
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
