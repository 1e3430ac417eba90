// @ts-check
'use strict';

const PLUGIN_PACKAGE_NAME = '@hookflow/plugin-workflow-http';

/**
 * What the demo app enables: the standard plugins a workflow needs, then this plugin. NocoBase's own
 * request-interceptor and response-message plugins are deliberately absent, so the canvas shows ours.
 */
const STANDARD_PLUGINS = [
  '@nocobase/plugin-acl',
  '@nocobase/plugin-auth',
  '@nocobase/plugin-client',
  '@nocobase/plugin-data-source-main',
  '@nocobase/plugin-data-source-manager',
  '@nocobase/plugin-error-handler',
  '@nocobase/plugin-field-sort',
  '@nocobase/plugin-mobile',
  '@nocobase/plugin-system-settings',
  '@nocobase/plugin-ui-schema-storage',
  '@nocobase/plugin-user-data-sync',
  '@nocobase/plugin-users',
  '@nocobase/plugin-workflow',
];

/**
 * What a user needs to build pages with blocks (a form that creates records): 2.2.15's admin layout
 * calls the flow engine's API even for classic pages, and menu routes come back as a tree only with
 * collection-tree; without them a new page stays empty.
 */
const PAGE_BUILDER_PLUGINS = ['@nocobase/plugin-collection-tree', '@nocobase/plugin-flow-engine'];

/** The demo of `npm start`. */
const DEMO_PLUGINS = [...STANDARD_PLUGINS, ...PAGE_BUILDER_PLUGINS, PLUGIN_PACKAGE_NAME];

/** What tests and benchmarks boot: the plugin on the standard set, without the page builder they do not use. */
const APP_PLUGINS = [...STANDARD_PLUGINS, PLUGIN_PACKAGE_NAME];

/** NocoBase's built-ins that register the same trigger and node types as this plugin. */
const NOCOBASE_INTERCEPTION_PLUGINS = [
  '@nocobase/plugin-workflow-request-interceptor',
  '@nocobase/plugin-workflow-response-message',
];

module.exports = {
  PLUGIN_PACKAGE_NAME,
  STANDARD_PLUGINS,
  DEMO_PLUGINS,
  APP_PLUGINS,
  NOCOBASE_INTERCEPTION_PLUGINS,
};
