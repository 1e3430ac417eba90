// @ts-check
'use strict';

const { PluginManager } = require('@nocobase/server');
const { PresetNocoBase } = require('@nocobase/preset-nocobase');
const { DEMO_PLUGINS } = require('./demoPlugins');
const { configureSqliteConnections } = require('./sqliteConnections');

/**
 * NocoBase's preset (the plugin named `nocobase`, which also serves `pm:list`) with its own list of
 * built-in plugins instead of the one in @nocobase/preset-nocobase's package.json.
 */
class DemoPreset extends PresetNocoBase {
  /**
   * @param {import('@nocobase/server').Application} app
   * @param {object} options
   */
  constructor(app, options) {
    super(app, options);
    configureSqliteConnections(app.db);
  }

  /**
   * @override
   * @returns {Promise<string[]>}
   */
  async getBuiltInPlugins() {
    return this.options.builtInPlugins ?? DEMO_PLUGINS;
  }

  /**
   * @override
   * @returns {Promise<string[]>}
   */
  async findLocalPlugins() {
    return [];
  }

  /**
   * @override
   * @returns {Promise<string[]>}
   */
  async getAllPluginNames() {
    return this.getBuiltInPlugins();
  }

  /**
   * @override
   * @returns {Promise<string[]>}
   */
  async getAllPluginNamesAndDB() {
    const enabled = await this.pm.repository.find({ filter: { enabled: true } });
    const names = [
      ...(await this.getBuiltInPlugins()),
      ...enabled.map((/** @type {import('@nocobase/database').Model} */ item) => item.get('name')),
    ];
    const parsed = await Promise.all(names.map(async (name) => (await PluginManager.parseName(name)).name));
    return [...new Set(parsed)];
  }
}

module.exports = { DemoPreset };
