import { Plugin } from '@nocobase/client';

export class PluginWorkflowHttpClient extends Plugin {
  async load() {}
}

export default PluginWorkflowHttpClient;
