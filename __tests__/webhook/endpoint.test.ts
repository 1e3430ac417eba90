import type { Model } from '@nocobase/database';
import { useTestApp } from '../helpers/testApp';
import { countExecutions, createEnabledWorkflow, failingNode, setEnabled } from '../helpers/workflows';

const testApp = useTestApp();

function hook(key: string) {
  return `/api/webhook:trigger/${key}`;
}

async function inboxCount() {
  return testApp().app.db.getRepository('webhookInbox').count();
}

const CREDENTIALS = { username: 'sender', password: 's3cret-pass' };

describe('only POST reaches a webhook', () => {
  it.each(['get', 'put', 'patch', 'delete'] as const)(
    'answers %s with 405, Allow: POST and a JSON error',
    async (method) => {
      const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
      const response = await testApp().http[method](hook(workflow.key));
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
      expect(response.body).toEqual({ errors: [{ message: 'Webhooks accept only POST requests.' }] });
      expect(await countExecutions(testApp(), workflow.id)).toBe(0);
    },
  );
});

describe('a URL without an enabled webhook workflow answers 404', () => {
  it('for an unknown key', async () => {
    const response = await testApp().http.post(hook('no-such-key')).send({});
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ errors: [{ message: 'No webhook is enabled at this address.' }] });
  });

  it('for a key that is not valid percent-encoding', async () => {
    const response = await testApp().http.post('/api/webhook:trigger/%E0%A4%A').send({});
    expect(response.status).toBe(404);
    expect(response.body.errors).toHaveLength(1);
  });

  it('for a disabled workflow, and stores nothing', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    await setEnabled(testApp(), workflow.id, false);
    const before = await inboxCount();
    const response = await testApp().http.post(hook(workflow.key)).send({ a: 1 });
    expect(response.status).toBe(404);
    expect(await inboxCount()).toBe(before);
  });

  it('for the key of a workflow of another type', async () => {
    const other = await createEnabledWorkflow(testApp(), {
      type: 'request-interception',
      config: { collection: 'users' },
    });
    const response = await testApp().http.post(hook(other.key)).send({});
    expect(response.status).toBe(404);
  });

  it('answers in the language of the request', async () => {
    const response = await testApp().http.post(hook('no-such-key')).set('X-Locale', 'ru-RU').send({});
    expect(response.body).toEqual({ errors: [{ message: 'По этому адресу нет включённого вебхука.' }] });
  });
});

describe('Basic authentication guards a webhook', () => {
  it.each([
    ['no credentials', undefined],
    ['a wrong password', { username: CREDENTIALS.username, password: 'wrong' }],
    ['a wrong username', { username: 'someone', password: CREDENTIALS.password }],
  ])('refuses %s with 401 and WWW-Authenticate, running and storing nothing', async (_case, given) => {
    const workflow = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: { basicAuthentication: CREDENTIALS },
    });
    const before = await inboxCount();
    const request = testApp().http.post(hook(workflow.key));
    const response = await (given ? request.auth(given.username, given.password) : request).send({ a: 1 });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Basic realm="webhook"');
    expect(response.body).toEqual({ errors: [{ message: 'Missing or wrong credentials.' }] });
    expect(await inboxCount()).toBe(before);
    expect(await countExecutions(testApp(), workflow.id)).toBe(0);
  });

  it('refuses a non-Basic Authorization header with 401', async () => {
    const workflow = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: { basicAuthentication: CREDENTIALS },
    });
    const response = await testApp().http.post(hook(workflow.key)).set('Authorization', 'Bearer abc').send({});
    expect(response.status).toBe(401);
  });

  it('accepts the right credentials and keeps them out of the stored request', async () => {
    const workflow = await createEnabledWorkflow(testApp(), {
      type: 'webhook',
      config: { basicAuthentication: CREDENTIALS, request: { headers: [{ key: 'Authorization' }, { key: 'Cookie' }] } },
    });
    const response = await testApp()
      .http.post(hook(workflow.key))
      .auth(CREDENTIALS.username, CREDENTIALS.password)
      .set('Cookie', 'session=abc')
      .send({ a: 1 });
    expect(response.status).toBe(200);
    const rows = await testApp()
      .app.db.getRepository('webhookInbox')
      .find({ filter: { workflowId: workflow.id } });
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0].toJSON());
    expect(stored).not.toContain(CREDENTIALS.password);
    expect(stored).not.toContain(Buffer.from(`${CREDENTIALS.username}:${CREDENTIALS.password}`).toString('base64'));
    expect(stored).not.toContain('session=abc');
  });
});

describe('webhook bodies must be JSON of a bounded size', () => {
  it('refuses another content type with 415', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const response = await testApp()
      .http.post(hook(workflow.key))
      .set('Content-Type', 'application/octet-stream')
      .send('a=1');
    expect(response.status).toBe(415);
    expect(response.body).toEqual({
      errors: [{ message: 'Send the body as JSON, as a form (application/x-www-form-urlencoded) or as text.' }],
    });
  });

  it('refuses malformed JSON with 400 and stores nothing', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const before = await inboxCount();
    const response = await testApp()
      .http.post(hook(workflow.key))
      .set('Content-Type', 'application/json')
      .send('{"a": 1,');
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'The request body is not valid JSON.' }] });
    expect(await inboxCount()).toBe(before);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const response = await testApp()
      .http.post(hook(workflow.key))
      .send({ padding: 'x'.repeat(1024 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({ errors: [{ message: 'The request body is too large.' }] });
  });

  it('takes an empty body as {} and accepts application/*+json', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    expect((await testApp().http.post(hook(workflow.key))).status).toBe(200);
    const vendor = await testApp()
      .http.post(hook(workflow.key))
      .set('Content-Type', 'application/vnd.api+json')
      .send(JSON.stringify({ a: 1 }));
    expect(vendor.status).toBe(200);
    const rows = await testApp()
      .app.db.getRepository('webhookInbox')
      .find({ filter: { workflowId: workflow.id }, sort: ['id'] });
    expect(rows.map((row: Model) => row.get('body'))).toEqual([{}, { a: 1 }]);
  });

  it('keeps __proto__ and constructor keys away from object prototypes', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const response = await testApp()
      .http.post(`${hook(workflow.key)}?__proto__[polluted]=1&constructor[prototype][polluted]=1&ok=1`)
      .set('Content-Type', 'application/json')
      .send('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "kept": 1}');
    expect(response.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const row = await testApp()
      .app.db.getRepository('webhookInbox')
      .findOne({ filter: { workflowId: workflow.id } });
    expect(row?.get('body')).toEqual({ kept: 1 });
    expect(row?.get('query')).toEqual({ ok: '1' });
  });
});

describe('a synchronous webhook whose workflow fails answers 500 without internals', () => {
  it('answers 500 with a generic message', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', sync: true, config: {} }, [
      failingNode(),
    ]);
    const response = await testApp().http.post(hook(workflow.key)).send({});
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      errors: [{ message: 'The workflow handling this request failed. Please contact the administrator.' }],
    });
  });
});
