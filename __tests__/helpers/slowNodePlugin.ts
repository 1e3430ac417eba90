import PluginWorkflowServer, { FlowNodeModel, Instruction, JOB_STATUS } from '@nocobase/plugin-workflow';
import { Plugin } from '@nocobase/server';

export const SLOW_NODE_TYPE = 'hookflow-test-slow';

/** A node that takes `ms` milliseconds, or less when its run is aborted: a slow request or query stands-in. */
class SlowInstruction extends Instruction {
  async run(node: FlowNodeModel, _input: unknown, _processor: unknown, options: { signal?: AbortSignal } = {}) {
    const { ms } = node.config as { ms: number };
    const aborted = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      options.signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    return { status: JOB_STATUS.RESOLVED, result: { aborted } };
  }
}

/** Registers the slow node, as a plugin with its own node types would. */
export class SlowNodePlugin extends Plugin {
  override async load() {
    // The preset adds the workflow plugin after this one: register once every plugin has loaded.
    this.app.on('afterLoad', () => {
      const workflow = this.app.pm.get('workflow') as PluginWorkflowServer;
      workflow.registerInstruction(SLOW_NODE_TYPE, new SlowInstruction(workflow));
    });
  }
}
