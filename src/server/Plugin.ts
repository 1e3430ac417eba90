import { Plugin } from '@nocobase/server';

export class PluginWorkflowHttpServer extends Plugin {
  override async load() {}
}

export default PluginWorkflowHttpServer;
