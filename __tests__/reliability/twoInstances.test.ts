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

      /** Fails unless the second instance answers with `count` messages within PROPAGATION_MS. */
      const secondFollows = (count: number) =>
        eventually(messagesOnSecond, (messages) => messages.length === count, PROPAGATION_MS);
      const interceptionOf = async (actions: string[]) => {
        const workflow = await createWorkflow(testApp(), {
          type: 'request-interception',
          config: { collection: 'tickets', global: true, actions },
        });
        await addNode(testApp(), workflow.id, message('checked on the other node'));
        return workflow;
      };

      const enabled = await interceptionOf(['create']);
      expect(await messagesOnSecond()).toEqual([]);
      await setEnabled(testApp(), enabled.id, true);
      await secondFollows(1);
      await setEnabled(testApp(), enabled.id, false);
      await secondFollows(0);

      // Enabled for updates, then edited (before it has run: NocoBase locks a version that has) to creates.
      const edited = await interceptionOf(['update']);
      await setEnabled(testApp(), edited.id, true);
      await testApp()
        .post(`/api/workflows:update?filterByTk=${edited.id}`)
        .send({ config: { collection: 'tickets', global: true, actions: ['create'] } })
        .expect(200);
      await secondFollows(1);
      await setEnabled(testApp(), edited.id, false);
      await secondFollows(0);
    } finally {
      await second.destroy();
    }
  });
});
