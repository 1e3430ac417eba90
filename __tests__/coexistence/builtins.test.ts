import PluginWorkflowServer from '@nocobase/plugin-workflow';
import BuiltInRequestInterceptionTrigger from '@nocobase/plugin-workflow-request-interceptor/dist/server/RequestInterceptionTrigger';
import BuiltInResponseMessageInstruction from '@nocobase/plugin-workflow-response-message/dist/server/ResponseMessageInstruction';
import { NOCOBASE_INTERCEPTION_PLUGINS, PLUGIN_PACKAGE_NAME, STANDARD_PLUGINS } from '../../scripts/lib/demoPlugins';
import { useTestApp } from '../helpers/testApp';
import {
  countExecutions,
  createCollection,
  createEnabledWorkflow,
  end,
  END_STATUS,
  message,
} from '../helpers/workflows';

describe('with NocoBase’s built-in interceptor and response-message plugins enabled first', () => {
  const testApp = useTestApp(
    { plugins: [...STANDARD_PLUGINS, ...NOCOBASE_INTERCEPTION_PLUGINS, PLUGIN_PACKAGE_NAME] },
    (app) => createCollection(app, 'tickets', [{ name: 'title', type: 'string', interface: 'input' }]),
  );

  it('boots, and leaves both type names to the built-ins', async () => {
    const workflowPlugin = testApp().app.pm.get(PluginWorkflowServer) as PluginWorkflowServer;
    expect(workflowPlugin.triggers.get('request-interception')).toBeInstanceOf(BuiltInRequestInterceptionTrigger);
    expect(workflowPlugin.instructions.get('response-message')).toBeInstanceOf(BuiltInResponseMessageInstruction);
  });

  it('runs a global workflow exactly once and answers as the built-in does', async () => {
    const workflow = await createEnabledWorkflow(
      testApp(),
      { type: 'request-interception', config: { collection: 'tickets', global: true, actions: ['create'] } },
      [message('closed for today'), end(END_STATUS.FAILED)],
    );
    const response = await testApp().post('/api/tickets:create').send({ title: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ message: 'closed for today' }]);
    expect(await countExecutions(testApp(), workflow.id)).toBe(1);
    expect(await testApp().app.db.getRepository('tickets').count()).toBe(0);
  });
});
