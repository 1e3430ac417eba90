// @ts-check
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const REPOSITORY_ROOT = path.resolve(__dirname, '..', '..');

const DEVELOPMENT_APP_KEY = 'hookflow-development-key-do-not-use-in-production';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * libuv's thread pool, where node-sqlite3 runs every statement. A statement waiting for SQLite's write
 * lock holds its thread for up to the busy timeout; with the default 4 threads, four waiting writers
 * leave the lock holder no thread to commit on, and the app stalls until a timeout fires. 64 threads
 * cost nothing until used. It must be set before the pool first starts, at the top of a process.
 */
const THREADPOOL_SIZE = '64';

/** The demo's root password unless INIT_ROOT_PASSWORD sets one; only this default is ever printed. */
const DEFAULT_ROOT_PASSWORD = 'admin123';

/**
 * Settings come from the environment first, then from `.env` in the repository root, then these
 * defaults, so that `npm start` and the test harness agree on one source of truth.
 *
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ warnings: string[] }}
 */
function applyDemoEnvironment(env = process.env) {
  const envFile = path.join(REPOSITORY_ROOT, '.env');
  if (fs.existsSync(envFile)) {
    // loadEnvFile never overrides a variable that is already set
    process.loadEnvFile(envFile);
  }

  const warnings = [];
  const storagePath = path.resolve(REPOSITORY_ROOT, env.STORAGE_PATH || 'storage');
  /** @type {Record<string, string>} */
  const defaults = {
    APP_ENV: 'development',
    APP_PORT: '13000',
    APP_HOST: '127.0.0.1',
    API_BASE_PATH: '/api',
    API_BASE_URL: '/api/',
    STORAGE_PATH: storagePath,
    LOGGER_BASE_PATH: path.join(storagePath, 'logs'),
    LOGGER_LEVEL: 'info',
    LOGGER_TRANSPORT: 'console,dailyRotateFile',
    DB_DIALECT: 'sqlite',
    UV_THREADPOOL_SIZE: THREADPOOL_SIZE,
    INIT_ROOT_EMAIL: 'admin@nocobase.com',
    INIT_ROOT_PASSWORD: DEFAULT_ROOT_PASSWORD,
    INIT_ROOT_USERNAME: 'nocobase',
    INIT_ROOT_NICKNAME: 'Super Admin',
    NODE_MODULES_PATH: path.join(REPOSITORY_ROOT, 'node_modules'),
    // The gateway serves the admin UI from $APP_PACKAGE_ROOT/dist/client: NocoBase's prebuilt one.
    APP_PACKAGE_ROOT: path.join(REPOSITORY_ROOT, 'node_modules', '@nocobase', 'app'),
    APP_PUBLIC_PATH: '/',
    PLUGIN_STATICS_PATH: '/static/plugins/',
    CDN_BASE_URL: '',
    APP_BASE_URL: '',
    APP_SERVER_BASE_URL: '',
    WS_PATH: '/ws',
    API_CLIENT_STORAGE_PREFIX: 'NOCOBASE_',
    API_CLIENT_STORAGE_TYPE: 'localStorage',
    PLUGIN_STORAGE_PATH: path.join(storagePath, 'plugins'),
    PLUGIN_PACKAGE_PREFIX: '@nocobase/plugin-,@nocobase/preset-,@nocobase/plugin-pro-',
  };
  for (const [name, value] of Object.entries(defaults)) {
    if (env[name] === undefined || (env[name] === '' && value !== '')) {
      env[name] = value;
    }
  }
  if (env.DB_DIALECT === 'sqlite' && !env.DB_STORAGE) {
    env.DB_STORAGE = path.join(storagePath, 'db', 'hookflow-demo.sqlite');
  }
  if (!env.APP_KEY) {
    if (!LOOPBACK_HOSTS.has(env.APP_HOST ?? '')) {
      // The development key is public: anyone could sign their own tokens for an exposed app.
      throw new Error(`APP_KEY must be set when the app listens on ${env.APP_HOST}, not only on this machine`);
    }
    env.APP_KEY = DEVELOPMENT_APP_KEY;
    warnings.push('APP_KEY is not set: using a development key. Set APP_KEY before exposing this app.');
  }
  for (const dir of [env.STORAGE_PATH, env.LOGGER_BASE_PATH, env.PLUGIN_STORAGE_PATH]) {
    fs.mkdirSync(/** @type {string} */ (dir), { recursive: true });
  }
  if (env.DB_STORAGE) {
    fs.mkdirSync(path.dirname(env.DB_STORAGE), { recursive: true });
  }
  return { warnings };
}

module.exports = { REPOSITORY_ROOT, DEFAULT_ROOT_PASSWORD, THREADPOOL_SIZE, applyDemoEnvironment };
