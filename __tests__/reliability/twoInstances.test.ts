import supertest from 'supertest';
import { SharedPubSubPlugin } from '../helpers/sharedPubSub';
import { useTestApp } from '../helpers/testApp';
import { createCollection, createWorkflow, eventually, message, addNode, setEnabled } from '../helpers/workflows';

/** Two processes of one app on one database, with NocoBase's cluster messaging between them. */
const testApp = useTestApp({ presetPlugins: [[SharedPubSubPlugin, { name: 'shared-pubsub' }]] }, (app) =>
  createCollection(app, 'tickets', [{ name: 'title', type: 'string', interface: 'input' }]),
);

const PROPAGATION_MS = 5000;

describe('an interception workflow enabled, edited or disabled on one instance takes effect on the other', () => {
  it('follows the first instance within seconds, through NocoBase’s sync messages', async () => {
    const second = await testApp().anotherInstance();
    try {
      const onSecond = () =>
        supertest
          .agent(second.callback())
          .post('/api/tickets:create')
          .auth(testApp().root.token, { type: 'bearer' })
          .send({ title: 't' });
      const messagesOnSecond = async () => (await onSecond()).body.messages ?? [];

      const workflow = await createWorkflow(testApp(), {
        type: 'request-interception',
        config: { collection: 'tickets', global: true, actions: ['update'] },
      });
      await addNode(testApp(), workflow.id, message('checked on the other node'));
      await setEnabled(testApp(), workflow.id, true);
      // Enabled for updates only: a create on the second instance is not intercepted.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await messagesOnSecond()).toEqual([]);

      const edited = await testApp()
        .post(`/api/workflows:update?filterByTk=${workflow.id}`)
        .send({ config: { collection: 'tickets', global: true, actions: ['create'] } });
      expect(edited.status).toBe(200);
      let started = Date.now();
      await eventually(messagesOnSecond, (messages) => messages.length === 1, PROPAGATION_MS);
      const editedAfterMs = Date.now() - started;

      await setEnabled(testApp(), workflow.id, false);
      started = Date.now();
      await eventually(messagesOnSecond, (messages) => messages.length === 0, PROPAGATION_MS);
      const disabledAfterMs = Date.now() - started;
      expect(editedAfterMs).toBeLessThan(PROPAGATION_MS);
      expect(disabledAfterMs).toBeLessThan(PROPAGATION_MS);
    } finally {
      await second.destroy();
    }
  });
});
