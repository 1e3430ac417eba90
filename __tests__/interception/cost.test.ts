import { useTestApp } from '../helpers/testApp';
import { createCollection } from '../helpers/workflows';

const TYPE = 'request-interception';

const testApp = useTestApp({}, async (app) => {
  await createCollection(app, 'plain', [{ name: 'title', type: 'string', interface: 'input' }]);
  await createCollection(app, 'busy', [{ name: 'title', type: 'string', interface: 'input' }]);
});

/** The SQL statements a request makes, counted through Sequelize's logging hook. */
async function queriesOf(send: () => Promise<unknown>): Promise<number> {
  // Sequelize reads options.logging on every query; its public typings leave `options` out.
  const { options } = testApp().app.db.sequelize as unknown as { options: { logging: unknown } };
  const previous = options.logging;
  let count = 0;
  options.logging = () => {
    count += 1;
  };
  try {
    await send();
  } finally {
    options.logging = previous;
  }
  return count;
}

describe('a request that no interception workflow matches costs no extra database query', () => {
  it('makes the same queries with 60 enabled workflows on another collection as with none', async () => {
    const create = () => testApp().post('/api/plain:create').send({ title: 'x' }).expect(200);
    await create();
    const baseline = await queriesOf(create);

    const repository = testApp().app.db.getRepository('workflows');
    const keys: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const global = await repository.create({
        values: {
          title: `g${i}`,
          type: TYPE,
          sync: true,
          enabled: true,
          config: { collection: 'busy', global: true, actions: ['create'] },
        },
      });
      const local = await repository.create({
        values: { title: `l${i}`, type: TYPE, sync: true, enabled: true, config: { collection: 'busy' } },
      });
      keys.push(global.get('key') as string, local.get('key') as string);
    }

    expect(await queriesOf(create)).toBe(baseline);
    const named = () =>
      testApp()
        .post(`/api/plain:create?triggerWorkflows=${keys.join(',')}`)
        .send({ title: 'y' })
        .expect(200);
    expect(await queriesOf(named)).toBe(baseline);
  });
});
