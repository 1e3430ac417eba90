import { useTestApp } from '../helpers/testApp';
import { addNode, createCollection, createWorkflow } from '../helpers/workflows';

const TYPE = 'request-interception';

const testApp = useTestApp({}, (app) =>
  createCollection(app, 'orders', [{ name: 'title', type: 'string', interface: 'input' }]),
);

function saveWorkflow(config: unknown, extra: Record<string, unknown> = {}) {
  return testApp()
    .post('/api/workflows:create')
    .send({ title: 'checked', type: TYPE, config, ...extra });
}

async function countWorkflows() {
  return testApp()
    .app.db.getRepository('workflows')
    .count({ filter: { type: TYPE } });
}

describe('a request-interception config is checked when it is saved', () => {
  it.each([
    ['no collection', {}, 'Choose the collection whose requests this workflow checks.'],
    ['an empty collection', { collection: '' }, 'Choose the collection whose requests this workflow checks.'],
    [
      'global mode without actions',
      { collection: 'orders', global: true },
      'Choose at least one action in global mode.',
    ],
    [
      'global mode with an empty action list',
      { collection: 'orders', global: true, actions: [] },
      'Choose at least one action in global mode.',
    ],
    [
      'an action that cannot be intercepted',
      { collection: 'orders', actions: ['list'] },
      'Actions can only be create, update, updateOrCreate and destroy.',
    ],
    ['actions that are not a list', { collection: 'orders', actions: 'create' }, 'Actions must be a list.'],
    [
      'a mode that is not a boolean',
      { collection: 'orders', global: 'yes' },
      'The mode must be global (true) or local (false).',
    ],
  ])('rejects %s with 400 and says why, storing nothing', async (_case, config, expected) => {
    const before = await countWorkflows();
    const response = await saveWorkflow(config);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([{ message: expected }]));
    expect(await countWorkflows()).toBe(before);
  });

  it('says why in the language of the request', async () => {
    const response = await saveWorkflow({ collection: 'orders', global: true }).set('X-Locale', 'ru-RU');
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ message: 'В глобальном режиме выберите хотя бы одно действие.' }]);
  });

  it.each([
    ['a collection that does not exist', 'no_such_collection'],
    ['a name NocoBase would read as a path through an association', '_.d%ZGFq'],
    ['a data source that does not exist', 'nowhere:orders'],
  ])('rejects %s with 400 and says so', async (_case, collection) => {
    const response = await saveWorkflow({ collection });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ message: 'This collection does not exist.' }]);
  });

  it('rejects an invalid config on update and keeps the saved one', async () => {
    const workflow = await createWorkflow(testApp(), { type: TYPE, config: { collection: 'orders' } });
    const response = await testApp()
      .post(`/api/workflows:update?filterByTk=${workflow.id}`)
      .send({ config: { collection: 'orders', global: true } });
    expect(response.status).toBe(400);
    const saved = await testApp().app.db.getRepository('workflows').findOne({ filterByTk: workflow.id });
    expect(saved?.get('config')).toEqual({ collection: 'orders' });
  });

  it('accepts a valid global config', async () => {
    const response = await saveWorkflow({ collection: 'orders', global: true, actions: ['create', 'destroy'] });
    expect(response.status).toBe(200);
  });
});

describe('request-interception workflows are always synchronous', () => {
  it('saves sync: true even when the request asks for asynchronous', async () => {
    const response = await saveWorkflow({ collection: 'orders' }, { sync: false });
    expect(response.status).toBe(200);
    const saved = await testApp().app.db.getRepository('workflows').findOne({ filterByTk: response.body.data.id });
    expect(saved?.get('sync')).toBe(true);
  });
});

describe('a response-message node config is checked when it is saved', () => {
  it('rejects a message that is not text with 400', async () => {
    const workflow = await createWorkflow(testApp(), { type: TYPE, config: { collection: 'orders' } });
    await expect(
      addNode(testApp(), workflow.id, { type: 'response-message', config: { message: 42 } }),
    ).rejects.toThrow(/400 .*The message must be text\./);
  });

  it('accepts a template message', async () => {
    const workflow = await createWorkflow(testApp(), { type: TYPE, config: { collection: 'orders' } });
    const id = await addNode(testApp(), workflow.id, {
      type: 'response-message',
      config: { message: 'Hello {{$context.user.nickname}}' },
    });
    expect(id).toBeGreaterThan(0);
  });
});
