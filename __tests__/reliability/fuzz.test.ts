import fc from 'fast-check';
import secureJson from 'secure-json-parse';
import { useTestApp } from '../helpers/testApp';
import { addNode, createCollection, createEnabledWorkflow, createWorkflow, message } from '../helpers/workflows';

/**
 * Property-based tests against a real app over HTTP. HOOKFLOW_FUZZ_RUNS sets the cases per property;
 * a failure prints its seed and path, and HOOKFLOW_FUZZ_SEED replays it.
 */
const RUNS = Number(process.env.HOOKFLOW_FUZZ_RUNS ?? 2000);
const SEED = process.env.HOOKFLOW_FUZZ_SEED === undefined ? undefined : Number(process.env.HOOKFLOW_FUZZ_SEED);
const settings = (share = 1): fc.Parameters<unknown> => ({
  numRuns: Math.max(1, Math.round(RUNS * share)),
  seed: SEED,
  endOnFailure: true,
});

const testApp = useTestApp({}, (app) =>
  createCollection(app, 'notes', [
    { name: 'title', type: 'string', interface: 'input' },
    { name: 'score', type: 'integer', interface: 'integer' },
  ]),
);

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** The process is sound after a case: Object.prototype untouched, and the app still answers. */
async function expectSoundApp() {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  const health = await testApp().http.get('/api/__health_check');
  expect(health.status).toBeLessThan(500);
}

/** Whether JSON text of this value holds a `__proto__` or `constructor.prototype` key. */
function hasPrototypeKeys(value: unknown): boolean {
  try {
    secureJson.parse(JSON.stringify(value), { protoAction: 'error', constructorAction: 'error' });
    return false;
  } catch {
    return true;
  }
}

/** An error answer of this plugin: `{ errors: [{ message }] }` with text in it. */
function isErrorBody(body: unknown): boolean {
  const errors = (body as { errors?: { message?: unknown }[] } | null)?.errors;
  return (
    Array.isArray(errors) &&
    errors.length > 0 &&
    errors.every((error) => typeof error.message === 'string' && error.message)
  );
}

const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'polluted', '', 'a.b', 'a[0]', '$where'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
);

const hostileJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 8 }),
    fc.array(tie('value'), { maxLength: 8 }),
  ),
})).value;

describe('a webhook answers any request with a status its contract allows, and the app stays sound', () => {
  let syncKey: string;
  let asyncKey: string;

  beforeAll(async () => {
    // No history, so that thousands of cases do not fill the executions table.
    const options = { deleteExecutionOnStatus: [1, -1, -2, -3, -4, -5] };
    syncKey = (await createEnabledWorkflow(testApp(), { type: 'webhook', sync: true, config: {}, options })).key;
    asyncKey = (await createEnabledWorkflow(testApp(), { type: 'webhook', config: {}, options })).key;
  });

  it('takes any JSON, however nested or keyed, without touching prototypes', async () => {
    await fc.assert(
      fc.asyncProperty(hostileJson, fc.boolean(), async (body, synchronous) => {
        const answer = await testApp()
          .http.post(`/api/webhook:trigger/${synchronous ? syncKey : asyncKey}`)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify(body));
        expect([200, 400, 413]).toContain(answer.status);
        if (answer.status === 200) {
          expect(answer.text).toBe('ok');
        } else {
          expect(isErrorBody(answer.body)).toBe(true);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      settings(),
    );
    await expectSoundApp();
  });

  it('takes random bytes with any content type and encoding', async () => {
    const types = fc.constantFrom(
      'application/json',
      'application/x-www-form-urlencoded',
      'text/plain; charset=utf-8',
      'text/plain; charset=shift_jis',
      'text/plain; charset=nonsense',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      'application/vnd.api+json',
      '',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 4096 }),
        types,
        fc.constantFrom(undefined, 'gzip', 'identity', 'br, deflate'),
        async (bytes, type, encoding) => {
          let request = testApp().http.post(`/api/webhook:trigger/${syncKey}`);
          if (type) {
            request = request.set('Content-Type', type);
          }
          if (encoding) {
            request = request.set('Content-Encoding', encoding);
          }
          const answer = await request.send(Buffer.from(bytes));
          expect([200, 400, 413, 415]).toContain(answer.status);
          if (answer.status !== 200) {
            expect(isErrorBody(answer.body)).toBe(true);
          }
        },
      ),
      settings(),
    );
    await expectSoundApp();
  });

  it('takes any query string: repeated, nested, thousands of parameters', async () => {
    const parameter = fc.tuple(
      fc.oneof(hostileKey, fc.constantFrom('a[b][c]', 'a[]', 'a[0][__proto__]', '__proto__[polluted]')),
      fc.string({ maxLength: 20 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(parameter, { maxLength: 3000 }), async (parameters) => {
        const query = parameters
          .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
          .join('&');
        const answer = await testApp().http.post(`/api/webhook:trigger/${syncKey}?${query}`).send({});
        expect(answer.status).toBe(200);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      settings(0.2),
    );
    await expectSoundApp();
  });

  it('takes any header names and values and any method', async () => {
    const token = fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,30}$/);
    const value = fc.stringMatching(/^[\t\x20-\x7e]{0,200}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(token, value, { maxKeys: 30 }),
        fc.constantFrom('POST', 'GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
        async (headers, method) => {
          const agent = testApp().http;
          const request = agent[method.toLowerCase() as 'post'](`/api/webhook:trigger/${syncKey}`);
          for (const [name, text] of Object.entries(headers)) {
            if (!['content-length', 'transfer-encoding', 'host', 'connection', 'expect'].includes(name.toLowerCase())) {
              request.set(name, text);
            }
          }
          const answer = await request;
          expect(method === 'POST' ? [200, 400, 413, 415] : [405]).toContain(answer.status);
        },
      ),
      settings(0.5),
    );
    await expectSoundApp();
  });
});

describe('an intercepted write answers any triggerWorkflows, values and filterByTk with a contract status', () => {
  let keys: string[];

  beforeAll(async () => {
    const options = { deleteExecutionOnStatus: [1, -1, -2, -3, -4, -5] };
    const local = await createEnabledWorkflow(
      testApp(),
      { type: 'request-interception', config: { collection: 'notes' }, options },
      [message('seen {{$context.params.values.title}}')],
    );
    keys = [local.key];
  });

  it('answers below 500 whenever its workflow runs, and otherwise at worst with NocoBase’s JSON error', async () => {
    const triggerWorkflows = fc.oneof(
      fc.constant(undefined),
      fc
        .array(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 30 }), fc.constant('')), { maxLength: 200 })
        .map((items) => items.join(',')),
      fc.string({ maxLength: 5000 }),
      fc.constantFrom(',,,', '!', `${keys[0]}!x.y`, '%', '%%', '\u0000'),
    );
    const values = fc.record(
      {
        title: fc.oneof(fc.string({ maxLength: 200 }), fc.constant(null)),
        score: fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.constant(null)),
        extra: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: [] },
    );
    // Keys of the primary key's type: on PostgreSQL, NocoBase's ACL middleware counts the records of a
    // destroy before any plugin runs, and answers a text key for an integer column with its own 500.
    const filterByTk = fc.oneof(fc.constant(undefined), fc.integer({ min: -5, max: 10_000 }).map(String));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('create', 'update', 'destroy'),
        triggerWorkflows,
        values,
        filterByTk,
        async (action, names, body, tk) => {
          const query = new URLSearchParams();
          if (names !== undefined) {
            query.set('triggerWorkflows', names);
          }
          if (tk !== undefined) {
            query.set('filterByTk', tk);
          }
          const answer = await testApp().post(`/api/notes:${action}?${query}`).send(body);
          if (hasPrototypeKeys(body)) {
            // NocoBase's body parser (co-body) refuses these before any middleware runs.
            expect(answer.status).toBe(400);
            expect(answer.body).toEqual({ errors: [{ message: 'Object contains forbidden prototype property' }] });
          } else if (action !== 'create' && !tk) {
            // NocoBase's core validateFilterParams middleware refuses these before any plugin sees them,
            // with a 500 that names the missing parameter.
            expect(answer.body).toEqual({
              errors: [{ message: `to do ${action} action, filter or filterByTk is required` }],
            });
          } else if (names?.split(',').some((name) => name.split('!')[0] === keys[0])) {
            expect(answer.status).toBeLessThan(500);
          } else {
            // No workflow of this plugin is involved: NocoBase answers alone, at worst with its JSON error.
            expect(answer.status < 500 || isErrorBody(answer.body)).toBe(true);
          }
        },
      ),
      settings(0.5),
    );
    await expectSoundApp();
  });
});

describe('any trigger or node config is saved with 200 or refused with a 400 that says why', () => {
  const anyConfig = fc.oneof(
    hostileJson,
    fc.record(
      {
        collection: fc.oneof(fc.constant('notes'), fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })),
        global: fc.jsonValue({ maxDepth: 1 }),
        actions: fc.oneof(
          fc.array(fc.constantFrom('create', 'update', 'destroy', 'list', '')),
          fc.jsonValue({ maxDepth: 1 }),
        ),
        request: hostileJson,
        response: hostileJson,
        signature: hostileJson,
        dedupe: hostileJson,
        rateLimit: hostileJson,
        conditions: hostileJson,
        allowedIps: fc.oneof(fc.array(fc.string({ maxLength: 20 })), hostileJson),
        basicAuthentication: hostileJson,
      },
      { requiredKeys: [] },
    ),
  );

  it('validates random trigger configs on workflows:create', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('request-interception', 'webhook'),
        fc.boolean(),
        anyConfig,
        async (type, sync, config) => {
          const answer = await testApp().post('/api/workflows:create').send({ title: 'fuzz', type, sync, config });
          expect([200, 400]).toContain(answer.status);
          if (answer.status === 400) {
            expect(isErrorBody(answer.body)).toBe(true);
          }
        },
      ),
      settings(0.3),
    );
    await expectSoundApp();
  });

  it('validates random Response and response-message node configs on flow_nodes:update', async () => {
    const hook = await createWorkflow(testApp(), { type: 'webhook', sync: true, config: {} });
    const responseNode = await addNode(testApp(), hook.id, { type: 'response', config: {} });
    const interception = await createWorkflow(testApp(), {
      type: 'request-interception',
      config: { collection: 'notes' },
    });
    const messageNode = await addNode(testApp(), interception.id, { type: 'response-message', config: {} });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(responseNode, messageNode), anyConfig, async (nodeId, config) => {
        const answer = await testApp().post(`/api/flow_nodes:update?filterByTk=${nodeId}`).send({ config });
        expect([200, 400]).toContain(answer.status);
        if (answer.status === 400) {
          expect(isErrorBody(answer.body)).toBe(true);
        }
      }),
      settings(0.3),
    );
    await expectSoundApp();
  });
});
