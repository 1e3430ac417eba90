import type { Model } from '@nocobase/database';
import { DatabaseError } from 'sequelize';
import { useTestApp } from '../helpers/testApp';
import {
  countExecutions,
  createCollection,
  createEnabledWorkflow,
  end,
  END_STATUS,
  failingNode,
  message,
  NodeSpec,
} from '../helpers/workflows';

const TYPE = 'request-interception';

const testApp = useTestApp({}, (app) =>
  createCollection(app, 'posts', [
    { name: 'title', type: 'string', interface: 'input' },
    { name: 'score', type: 'integer', interface: 'integer' },
  ]),
);

function post(path: string) {
  return testApp().post(path);
}

function repository(name: string) {
  return testApp().app.db.getRepository(name);
}

async function snapshotPosts() {
  return (await repository('posts').find({ sort: ['id'] })).map((row: Model) => row.toJSON());
}

async function countPosts() {
  return repository('posts').count();
}

/** A local workflow on posts with these nodes; requests name it with ?triggerWorkflows=<key>. */
async function localWorkflow(nodes: NodeSpec[], config: Record<string, unknown> = {}) {
  return createEnabledWorkflow(testApp(), { type: TYPE, config: { collection: 'posts', ...config } }, nodes);
}

describe('a workflow that ends with status "succeeded" answers 200 with its messages and skips the action', () => {
  it('returns the messages and creates nothing', async () => {
    const workflow = await localWorkflow([
      message('Accepted {{$context.params.values.title}}'),
      end(END_STATUS.SUCCEEDED),
    ]);
    const before = await countPosts();
    const response = await post(`/api/posts:create?triggerWorkflows=${workflow.key}`).send({ title: 'Hello' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ messages: [{ message: 'Accepted Hello' }] });
    expect(await countPosts()).toBe(before);
    expect(await countExecutions(testApp(), workflow.id)).toBe(1);
  });

  it('returns an empty messages array when no message was produced', async () => {
    const workflow = await localWorkflow([end(END_STATUS.SUCCEEDED)]);
    const response = await post(`/api/posts:create?triggerWorkflows=${workflow.key}`).send({ title: 'Quiet' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ messages: [] });
  });
});

describe('a workflow that ends with status "failed" answers 400 with its messages as errors', () => {
  it('rejects a create with 400 and the messages, and stores nothing', async () => {
    const workflow = await localWorkflow([
      message('Title {{$context.params.values.title}} is taken'),
      end(END_STATUS.FAILED),
    ]);
    const before = await countPosts();
    const response = await post(`/api/posts:create?triggerWorkflows=${workflow.key}`).send({ title: 'Dup' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'Title Dup is taken' }] });
    expect(await countPosts()).toBe(before);
  });

  it('gives a translated default error when the workflow produced no message', async () => {
    const workflow = await localWorkflow([end(END_STATUS.FAILED)]);
    const english = await post(`/api/posts:create?triggerWorkflows=${workflow.key}`).send({ title: 'x' });
    expect(english.status).toBe(400);
    expect(english.body).toEqual({ errors: [{ message: 'The request was rejected by a workflow.' }] });
    const russian = await post(`/api/posts:create?triggerWorkflows=${workflow.key}`)
      .set('X-Locale', 'ru-RU')
      .send({ title: 'x' });
    expect(russian.body).toEqual({ errors: [{ message: 'Запрос отклонён рабочим процессом.' }] });
  });

  it('leaves the record unchanged when an update is rejected', async () => {
    const record = await repository('posts').create({ values: { title: 'Original' } });
    const workflow = await localWorkflow([message('No edits'), end(END_STATUS.FAILED)], { actions: ['update'] });
    const response = await post(
      `/api/posts:update?filterByTk=${record.get('id')}&triggerWorkflows=${workflow.key}`,
    ).send({
      title: 'Changed',
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'No edits' }] });
    const reloaded = await repository('posts').findOne({ filterByTk: record.get('id') });
    expect(reloaded?.get('title')).toBe('Original');
  });

  it('keeps the records when a bulk destroy is rejected, and shows the keys to the workflow', async () => {
    const posts = repository('posts');
    const first = await posts.create({ values: { title: 'keep 1' } });
    const second = await posts.create({ values: { title: 'keep 2' } });
    const workflow = await localWorkflow(
      [message('Cannot delete {{$context.params.filterByTk}}'), end(END_STATUS.FAILED)],
      { actions: ['destroy'] },
    );
    const response = await post(
      `/api/posts:destroy?filterByTk[]=${first.get('id')}&filterByTk[]=${second.get('id')}&triggerWorkflows=${workflow.key}`,
    );
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toContain(String(first.get('id')));
    expect(response.body.errors[0].message).toContain(String(second.get('id')));
    expect(await posts.count({ filterByTk: [first.get('id'), second.get('id')] })).toBe(2);
  });
});

describe('a workflow that fails anywhere but an end node answers 500 without internals', () => {
  it('answers 500 with a generic translated message and creates nothing', async () => {
    const workflow = await localWorkflow([message('before the failure'), failingNode(), end(END_STATUS.SUCCEEDED)]);
    const before = await countPosts();
    const response = await post(`/api/posts:create?triggerWorkflows=${workflow.key}`).send({ title: 'x' });
    expect(response.status).toBe(500);
    expect(response.body).toEqual({
      errors: [{ message: 'The workflow handling this request failed. Please contact the administrator.' }],
    });
    expect(await countPosts()).toBe(before);
    const execution = await repository('executions').findOne({ filter: { workflowId: workflow.id } });
    expect(execution?.get('status')).toBeLessThan(0);
  });
});

describe('workflows that let the request through add their messages to the action’s answer', () => {
  it('creates the record and returns it with the messages', async () => {
    const workflow = await localWorkflow([message('Checked {{$context.params.values.title}}')]);
    const response = await post(`/api/posts:create?triggerWorkflows=${workflow.key}`).send({
      title: 'Through',
      score: 5,
    });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ title: 'Through', score: 5 });
    expect(response.body.messages).toEqual([{ message: 'Checked Through' }]);
    expect(await repository('posts').count({ filter: { title: 'Through' } })).toBe(1);
  });

  it('answers exactly as NocoBase does when no message was produced', async () => {
    const workflow = await localWorkflow([]);
    const response = await post(`/api/posts:create?triggerWorkflows=${workflow.key}`).send({ title: 'Plain' });
    expect(response.status).toBe(200);
    expect(response.body.data).toMatchObject({ title: 'Plain' });
    expect(response.body).not.toHaveProperty('messages');
  });

  it('collects messages from two nodes of two workflows in execution order', async () => {
    const first = await localWorkflow([message('one'), message('two')]);
    const second = await localWorkflow([message('three'), message('four')]);
    const response = await post(`/api/posts:create?triggerWorkflows=${second.key},${first.key}`).send({
      title: 'Order',
    });
    expect(response.status).toBe(200);
    expect(response.body.messages).toEqual([
      { message: 'three' },
      { message: 'four' },
      { message: 'one' },
      { message: 'two' },
    ]);
  });

  it('stops at the first workflow that intercepts: later ones do not run', async () => {
    const blocking = await localWorkflow([message('blocked'), end(END_STATUS.FAILED)]);
    const later = await localWorkflow([message('never')]);
    const response = await post(`/api/posts:create?triggerWorkflows=${blocking.key},${later.key}`).send({ title: 'x' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'blocked' }] });
    expect(await countExecutions(testApp(), later.id)).toBe(0);
  });
});

describe('the workflow sees the request’s values, user and role', () => {
  it('renders values, the signed-in user and the role in a message', async () => {
    const workflow = await localWorkflow([
      message('{{$context.params.values.title}}/{{$context.user.email}}/{{$context.roleName}}'),
      end(END_STATUS.SUCCEEDED),
    ]);
    const response = await post(`/api/posts:create?triggerWorkflows=${workflow.key}`).send({ title: 'Vars' });
    expect(response.body).toEqual({ messages: [{ message: 'Vars/admin@nocobase.com/root' }] });
  });

  it('never stores the user’s password in the execution', async () => {
    const workflow = await localWorkflow([end(END_STATUS.SUCCEEDED)]);
    await post(`/api/posts:create?triggerWorkflows=${workflow.key}`).send({ title: 'Secret' });
    const execution = await repository('executions').findOne({ filter: { workflowId: workflow.id } });
    const context = execution?.get('context') as { user: Record<string, unknown> };
    expect(context.user.email).toBe('admin@nocobase.com');
    expect(context.user).not.toHaveProperty('password');
  });
});

describe('a value the database cannot store is the client’s error: 400, not 500', () => {
  it('answers 400 with a translated message when the database refuses a value as data', async () => {
    await createCollection(testApp(), 'typed', [{ name: 'title', type: 'string', interface: 'input' }]);
    await createEnabledWorkflow(
      testApp(),
      { type: TYPE, config: { collection: 'typed', global: true, actions: ['create'] } },
      [message('checked')],
    );
    // What PostgreSQL raises for text given to an integer column (SQLSTATE 22P02).
    const refusal = new DatabaseError(
      Object.assign(new Error('invalid input syntax for type bigint: "abc"'), { sql: 'UPDATE', code: '22P02' }),
    );
    const hook = () => {
      throw refusal;
    };
    testApp().app.db.on('typed.beforeCreate', hook);
    try {
      const response = await post('/api/typed:create').send({ title: 'x' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        errors: [{ message: 'A value of the request does not fit the field it is meant for.' }],
      });
    } finally {
      testApp().app.db.off('typed.beforeCreate', hook);
    }
  });

  it('never answers 500 for a record key of the wrong type, on any database', async () => {
    const workflow = await localWorkflow([message('checked')]);
    const response = await post(`/api/posts:update?filterByTk=not-a-number&triggerWorkflows=${workflow.key}`).send({
      title: 'x',
    });
    expect([200, 400]).toContain(response.status);
    if (response.status === 400) {
      expect(response.body).toEqual({
        errors: [{ message: 'A value of the request does not fit the field it is meant for.' }],
      });
    }
  });
});

describe('a database error in an action that workflows let through never reaches the client raw', () => {
  it('answers 500 with a generic translated message, not the SQL error', async () => {
    await createCollection(testApp(), 'fragile', [{ name: 'title', type: 'string', interface: 'input' }]);
    await createEnabledWorkflow(
      testApp(),
      { type: TYPE, config: { collection: 'fragile', global: true, actions: ['create'] } },
      [message('checked')],
    );
    const failure = new DatabaseError(
      Object.assign(new Error('relation "secret_internal_table" does not exist'), { sql: 'SELECT 1' }),
    );
    const hook = () => {
      throw failure;
    };
    testApp().app.db.on('fragile.beforeCreate', hook);
    try {
      const response = await post('/api/fragile:create').send({ title: 'x' });
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        errors: [{ message: 'The request could not be completed. Please contact the administrator.' }],
      });
      expect(JSON.stringify(response.body)).not.toContain('secret_internal_table');
    } finally {
      testApp().app.db.off('fragile.beforeCreate', hook);
    }
  });
});

describe('every interceptable action can be stopped before it changes anything', () => {
  it.each([
    ['create', (id: number) => `/api/posts:create?x=${id}`, { title: 'new' }],
    ['update', (id: number) => `/api/posts:update?filterByTk=${id}`, { title: 'changed' }],
    ['updateOrCreate', () => '/api/posts:updateOrCreate?filterKeys[]=title', { title: 'upserted' }],
    ['destroy', (id: number) => `/api/posts:destroy?filterByTk=${id}`, undefined],
  ] as const)('stops %s with 400 and leaves the table as it was', async (action, path, values) => {
    const record = await repository('posts').create({ values: { title: `untouched ${action}` } });
    const workflow = await localWorkflow([message(`no ${action}`), end(END_STATUS.FAILED)], { actions: [action] });
    const before = await snapshotPosts();
    const request = post(`${path(record.get('id') as number)}&triggerWorkflows=${workflow.key}`);
    const response = await (values ? request.send(values) : request);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: `no ${action}` }] });
    expect(await snapshotPosts()).toEqual(before);
  });

  it('lets updateOrCreate and a single destroy through when the workflow passes', async () => {
    const workflow = await localWorkflow([message('ok')], { actions: ['updateOrCreate', 'destroy'] });
    const upserted = await post(`/api/posts:updateOrCreate?filterKeys[]=title&triggerWorkflows=${workflow.key}`).send({
      title: 'upsert me',
      score: 1,
    });
    expect(upserted.status).toBe(200);
    expect(upserted.body.messages).toEqual([{ message: 'ok' }]);
    const stored = await repository('posts').findOne({ filter: { title: 'upsert me' } });
    expect(stored?.get('score')).toBe(1);
    const destroyed = await post(`/api/posts:destroy?filterByTk=${stored?.get('id')}&triggerWorkflows=${workflow.key}`);
    expect(destroyed.status).toBe(200);
    expect(destroyed.body.messages).toEqual([{ message: 'ok' }]);
    expect(await repository('posts').count({ filter: { title: 'upsert me' } })).toBe(0);
  });
});

describe('the workflow never stores fields the collection hides', () => {
  it('keeps a new user’s password out of the execution context', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: TYPE, config: { collection: 'users' } }, [
      message('welcome {{$context.params.values.nickname}}'),
    ]);
    const answer = await post(`/api/users:create?triggerWorkflows=${workflow.key}`).send({
      email: 'new@hookflow.test',
      nickname: 'Newbie',
      password: 'plain-text-secret-1',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.messages).toEqual([{ message: 'welcome Newbie' }]);
    const execution = await repository('executions').findOne({ filter: { workflowId: workflow.id } });
    expect(JSON.stringify(execution?.get('context'))).not.toContain('plain-text-secret-1');
  });
});

describe('values that break a field rule get NocoBase’s 400, not a 500', () => {
  it('answers 400 for a value over the field’s length rule while a workflow lets the request through', async () => {
    await createCollection(testApp(), 'codes', [
      {
        name: 'code',
        type: 'string',
        interface: 'input',
        validation: { type: 'string', rules: [{ key: 'max', name: 'max', args: { limit: 3 } }] },
      },
    ]);
    await createEnabledWorkflow(
      testApp(),
      { type: TYPE, config: { collection: 'codes', global: true, actions: ['create'] } },
      [message('checked')],
    );
    const answer = await post('/api/codes:create').send({ code: 'too-long' });
    expect(answer.status).toBe(400);
    expect(await repository('codes').count()).toBe(0);
  });
});
