// @ts-check
'use strict';

/**
 * NocoBase plugins may register field types and the like in a static `staticImport()` before any app
 * boots. NocoBase's own runner walks its preset's full list; this one walks only the plugins given.
 *
 * @param {string[]} packageNames
 */
async function runStaticImports(packageNames) {
  const { PluginManager } = require('@nocobase/server');
  const { importModule } = require('@nocobase/utils');
  for (const name of packageNames) {
    const { packageName } = await PluginManager.parseName(name);
    const plugin = await importModule(packageName);
    if (plugin && typeof plugin.staticImport === 'function') {
      await plugin.staticImport();
    }
  }
}

module.exports = { runStaticImports };
