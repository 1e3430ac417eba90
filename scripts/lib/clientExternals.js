// @ts-check
'use strict';

/** Libraries the NocoBase admin UI already defines for plugins; the client bundle must not carry them. */
const CLIENT_EXTERNALS = [
  'react',
  'react-dom',
  'react/jsx-runtime',
  'antd',
  '@ant-design/icons',
  '@formily/antd-v5',
  '@formily/core',
  '@formily/react',
  '@formily/reactive',
  '@formily/shared',
  '@formily/json-schema',
  '@nocobase/client',
  '@nocobase/utils',
  '@nocobase/plugin-workflow',
  'i18next',
  'react-i18next',
  'lodash',
  'dayjs',
  'ahooks',
  '@emotion/css',
];

module.exports = { CLIENT_EXTERNALS };
