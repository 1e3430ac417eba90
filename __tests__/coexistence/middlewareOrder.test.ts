import { Plugin } from '@nocobase/server';
import { useTestApp } from '../helpers/testApp';
import { createCollection, createEnabledWorkflow, end, END_STATUS, message } from '../helpers/workflows';

/** Another plugin's action middleware that answers a request itself, like an approval gate. */
class BlockingGatePlugin extends Plugin {
  override async load() {
    this.app.resourceManager.use(async (ctx, next) => {
      if (ctx.action?.resourceName === 'gates' && ctx.action?.actionName === 'create') {
        ctx.status = 409;
        ctx.body = { blockedBy: 'gate' };
        return;
      }
      await next();
    });
  }
}

describe('interception runs before other plugins’ blocking action middlewares', () => {
  const testApp = useTestApp({ presetPlugins: [[BlockingGatePlugin, { name: 'blocking-gate' }]] }, (app) =>
    createCollection(app, 'gates', [{ name: 'title', type: 'string', interface: 'input' }]),
  );

  it('answers with the workflow’s 400 although the other middleware was registered first', async () => {
    await createEnabledWorkflow(
      testApp(),
      { type: 'request-interception', config: { collection: 'gates', global: true, actions: ['create'] } },
      [message('checked first'), end(END_STATUS.FAILED)],
    );
    const answer = await testApp().post('/api/gates:create').send({ title: 'x' });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: [{ message: 'checked first' }] });
  });
});
