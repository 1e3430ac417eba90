import { gzipSync } from 'node:zlib';
import { useTestApp } from '../helpers/testApp';
import { createEnabledWorkflow, response } from '../helpers/workflows';

const testApp = useTestApp();

/** A synchronous webhook that answers with what it saw of the body. */
async function echoHook(request: Record<string, unknown> = {}) {
  return createEnabledWorkflow(testApp(), { type: 'webhook', sync: true, config: { request } }, [
    response({ statusCode: 200, body: { body: '{{$context.body}}', rawBody: '{{$context.rawBody}}' } }),
  ]);
}

function post(key: string) {
  return testApp().http.post(`/api/webhook:trigger/${key}`);
}

describe('form posts are parsed into the body, with nested keys as in a query string', () => {
  it('reads fields, nested keys and lists', async () => {
    const hook = await echoHook();
    const answer = await post(hook.key)
      .type('form')
      .send('command=%2Fdeploy&user[name]=ann&user[id]=U1&tags[]=a&tags[]=b');
    expect(answer.status).toBe(200);
    expect(answer.body.body).toEqual({ command: '/deploy', user: { name: 'ann', id: 'U1' }, tags: ['a', 'b'] });
  });

  it('offers declared form items as variables', async () => {
    const hook = await createEnabledWorkflow(
      testApp(),
      { type: 'webhook', sync: true, config: { request: { body: [{ key: 'user.name', _var: 'body_$0' }] } } },
      [response({ statusCode: 200, body: { name: '{{$context.body.body_$0}}' } })],
    );
    await post(hook.key).type('form').send('user[name]=bob').expect(200, { name: 'bob' });
  });

  it('keeps __proto__ and constructor keys away from object prototypes', async () => {
    const hook = await echoHook();
    const answer = await post(hook.key).type('form').send('__proto__[polluted]=1&constructor[prototype][x]=1&ok=1');
    expect(answer.status).toBe(200);
    expect(answer.body.body).toEqual({ ok: '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('text bodies reach the workflow as a string', () => {
  it.each([
    ['text/plain', 'hello, world'],
    ['application/xml', '<event type="paid"/>'],
    ['text/csv; charset=utf-8', 'id,name\n1,Åsa'],
  ])('passes a %s body through as text', async (type, text) => {
    const hook = await echoHook();
    const answer = await post(hook.key).set('Content-Type', type).send(text);
    expect(answer.status).toBe(200);
    expect(answer.body.body).toBe(text);
  });

  it('decodes a declared charset', async () => {
    const hook = await echoHook();
    const answer = await post(hook.key)
      .set('Content-Type', 'text/plain; charset=iso-8859-1')
      .send(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(answer.body.body).toBe('café');
  });
});

describe('the raw body is offered only when the trigger asks for it', () => {
  it('gives $context.rawBody the body exactly as sent', async () => {
    const hook = await echoHook({ rawBody: true });
    const raw = '{ "b": 1,\n  "a": [2, 3] }';
    const answer = await post(hook.key).set('Content-Type', 'application/json').send(raw);
    expect(answer.body.rawBody).toBe(raw);
    expect(answer.body.body).toEqual({ b: 1, a: [2, 3] });
  });

  it('leaves $context.rawBody out otherwise', async () => {
    const hook = await echoHook();
    const answer = await post(hook.key).set('Content-Type', 'application/json').send('{"a":1}');
    expect(answer.body.rawBody).toBeUndefined();
  });

  it('stores the raw body with an asynchronous request', async () => {
    const hook = await createEnabledWorkflow(testApp(), { type: 'webhook', config: { request: { rawBody: true } } });
    await post(hook.key).type('form').send('a=1&b=2').expect(200);
    const [row] = await testApp()
      .app.db.getRepository('webhookInbox')
      .find({ filter: { workflowId: hook.id } });
    expect(row.get('rawBody')).toBe('a=1&b=2');
    expect(row.get('body')).toEqual({ a: '1', b: '2' });
  });
});

describe('bodies of other types are refused with 415', () => {
  it.each([
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--'],
    ['application/octet-stream', 'binary'],
    ['image/png', 'png'],
  ])('refuses %s', async (type, body) => {
    const hook = await echoHook();
    const answer = await post(hook.key).set('Content-Type', type).send(body);
    expect(answer.status).toBe(415);
    expect(answer.body).toEqual({
      errors: [{ message: 'Send the body as JSON, as a form (application/x-www-form-urlencoded) or as text.' }],
    });
  });

  it('refuses a compressed body', async () => {
    const hook = await echoHook();
    const answer = await post(hook.key)
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .send(gzipSync('{"a":1}'));
    expect(answer.status).toBe(415);
    expect(answer.body).toEqual({
      errors: [{ message: 'Send the body as JSON, as a form (application/x-www-form-urlencoded) or as text.' }],
    });
  });

  it('refuses a charset it cannot decode', async () => {
    const hook = await echoHook();
    const answer = await post(hook.key).set('Content-Type', 'text/plain; charset=klingon').send('qapla');
    expect(answer.status).toBe(415);
  });
});

describe('a JSON body within the size limit is still bounded in depth, entries and string length', () => {
  it('refuses nesting deeper than 32 levels with 400', async () => {
    const hook = await echoHook();
    const deep = `${'['.repeat(40)}1${']'.repeat(40)}`;
    const answer = await post(hook.key).set('Content-Type', 'application/json').send(deep);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: [{ message: 'The JSON body nests deeper than 32 levels.' }] });
  });

  it('refuses more than 10000 keys and items with 413', async () => {
    const hook = await echoHook();
    const answer = await post(hook.key)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(Array.from({ length: 10_001 }, () => 0)));
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ errors: [{ message: 'The JSON body holds more than 10000 keys and items.' }] });
  });

  it('refuses a string longer than 262144 characters with 413', async () => {
    const hook = await echoHook();
    const answer = await post(hook.key)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(262_145) }));
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({
      errors: [{ message: 'A string in the JSON body is longer than 262144 characters.' }],
    });
  });

  it('accepts a body at the limits', async () => {
    const hook = await echoHook();
    const atDepth = `${'['.repeat(32)}1${']'.repeat(32)}`;
    await post(hook.key).set('Content-Type', 'application/json').send(atDepth).expect(200);
  });
});
