// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { REPOSITORY_ROOT } = require('./environment');
const { PLUGIN_PACKAGE_NAME } = require('./demoPlugins');

/**
 * NocoBase's plugin manager finds plugins as packages under NODE_MODULES_PATH; linking this repository
 * there lets the demo app and the tests load the plugin exactly as an installed package.
 */
function linkPackageIntoNodeModules() {
  const link = path.join(REPOSITORY_ROOT, 'node_modules', PLUGIN_PACKAGE_NAME);
  const target = path.relative(path.dirname(link), REPOSITORY_ROOT);
  const existing = fs.lstatSync(link, { throwIfNoEntry: false });
  if (existing?.isSymbolicLink() && fs.readlinkSync(link) === target) {
    return;
  }
  if (existing) {
    fs.rmSync(link, { recursive: true, force: true });
  }
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(target, link, 'dir');
}

if (require.main === module) {
  linkPackageIntoNodeModules();
}

module.exports = { linkPackageIntoNodeModules };
