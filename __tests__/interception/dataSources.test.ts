import { SequelizeDataSource } from '@nocobase/data-source-manager';
import { Database } from '@nocobase/database';
import { TestApp, useTestApp } from '../helpers/testApp';
import { createEnabledWorkflow, end, END_STATUS, message } from '../helpers/workflows';

const EXTRA_KEY = 'warehouse';

async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) {
      return value;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Adds a data source while the app runs, as the data source manager does when a user adds one. */
async function addDataSourceAtRunTime(testApp: TestApp) {
  testApp.app.dataSourceManager.factory.register('sequelize', SequelizeDataSource);
  await testApp.app.db.getRepository('dataSources').create({
    values: {
      key: EXTRA_KEY,
      displayName: 'Warehouse',
      type: 'sequelize',
      options: { collectionManager: { ...testApp.database.options, tablePrefix: 'wh_' } },
    },
  });
  const dataSource = await waitFor(
    () => testApp.app.dataSourceManager.dataSources.get(EXTRA_KEY)?.collectionManager,
    'the data source to load',
  );
  const db = (dataSource as unknown as { db: Database }).db;
  db.collection({ name: 'crates', fields: [{ type: 'string', name: 'label' }] });
  await db.sync();
}

const testApp = useTestApp({}, addDataSourceAtRunTime);

describe('workflows on a collection of another data source', () => {
  it('fire for requests to that data source, added while the app runs', async () => {
    await createEnabledWorkflow(
      testApp(),
      {
        type: 'request-interception',
        config: { collection: `${EXTRA_KEY}:crates`, global: true, actions: ['create'] },
      },
      [message('crate {{$context.params.values.label}} refused'), end(END_STATUS.FAILED)],
    );
    const response = await testApp().post('/api/crates:create').set('X-Data-Source', EXTRA_KEY).send({ label: 'C-1' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ errors: [{ message: 'crate C-1 refused' }] });
  });
});
