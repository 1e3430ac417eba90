import PluginWorkflowServer, { Instruction, JOB_STATUS, Trigger } from '@nocobase/plugin-workflow';
import { Plugin } from '@nocobase/server';
import { useTestApp } from '../helpers/testApp';

class StandInWebhookTrigger extends Trigger {}

class StandInResponseInstruction extends Instruction {
  async run() {
    return { status: JOB_STATUS.RESOLVED };
  }
}

/**
 * Stands in for NocoBase's commercial webhook plugin: it owns the same names and answers its URLs.
 * Like that plugin, it registers right after the workflow plugin has loaded, before this one loads.
 */
class StandInWebhookPlugin extends Plugin {
  override async load() {
    this.app.on('afterLoadPlugin', (plugin: Plugin) => {
      if (plugin instanceof PluginWorkflowServer) {
        this.registerNames(plugin);
      }
    });
  }

  private registerNames(workflowPlugin: PluginWorkflowServer) {
    workflowPlugin.registerTrigger('webhook', new StandInWebhookTrigger(workflowPlugin));
    workflowPlugin.registerInstruction('response', new StandInResponseInstruction(workflowPlugin));
    this.app.resourceManager.define({
      name: 'webhook',
      actions: {
        async trigger(ctx, next) {
          ctx.body = { servedBy: 'stand-in' };
          await next();
        },
      },
    });
    this.app.acl.allow('webhook', 'trigger', 'public');
  }
}

describe('with another plugin that already owns the webhook trigger, the response node and the webhook resource', () => {
  const testApp = useTestApp({ presetPlugins: [[StandInWebhookPlugin, { name: 'stand-in-webhook' }]] });

  it('boots and leaves all three to the other plugin', () => {
    const workflowPlugin = testApp().app.pm.get(PluginWorkflowServer) as PluginWorkflowServer;
    expect(workflowPlugin.triggers.get('webhook')).toBeInstanceOf(StandInWebhookTrigger);
    expect(workflowPlugin.instructions.get('response')).toBeInstanceOf(StandInResponseInstruction);
  });

  it('lets the other plugin alone answer the webhook URL', async () => {
    const answer = await testApp().http.post('/api/webhook:trigger/any-key').send({});
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { servedBy: 'stand-in' } });
  });

  it('still runs request interception', async () => {
    const workflowPlugin = testApp().app.pm.get(PluginWorkflowServer) as PluginWorkflowServer;
    expect(workflowPlugin.triggers.get('request-interception')?.constructor.name).toBe('RequestInterceptionTrigger');
    expect(workflowPlugin.instructions.get('response-message')?.constructor.name).toBe('ResponseMessageInstruction');
  });
});
