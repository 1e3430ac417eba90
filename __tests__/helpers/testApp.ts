import { Application, PluginConfiguration } from '@nocobase/server';
import supertest from 'supertest';
import { demoAppOptions } from '../../scripts/lib/demoAppOptions';
import { APP_PLUGINS } from '../../scripts/lib/demoPlugins';
import { runStaticImports } from '../../scripts/lib/staticImports';
import { createTestDatabase, TestDatabase } from './testDatabase';

export interface TestAppOptions {
  /** Plugin packages installed and enabled through the preset, in load order. Default: the demo app's. */
  plugins?: string[];
  /** Plugin classes added before the others, as an app's code would add them. */
  presetPlugins?: PluginConfiguration[];
  /** Changes the connection options of the app's database, e.g. to reach it through a proxy. */
  connectThrough?: (options: TestDatabase['options']) => TestDatabase['options'];
}

export interface TestUser {
  id: number;
  email: string;
  token: string;
}

export interface TestApp {
  app: Application;
  database: TestDatabase;
  /** An HTTP client for the app's real Koa stack; no network port involved. */
  http: supertest.Agent;
  /** The root account, signed in when the app booted. */
  root: TestUser;
  /** A request signed in as root. */
  post(path: string): supertest.Test;
  get(path: string): supertest.Test;
  /** A plain member account, created and signed in on first use. */
  member(): Promise<TestUser>;
  /** Stops the app and boots a new one on the same database, as a process restart would. */
  restart(): Promise<void>;
  /** Boots another instance of the app on the same database, as a second node of a cluster; the caller destroys it. */
  anotherInstance(): Promise<Application>;
  destroy(): Promise<void>;
}

export const ROOT_EMAIL = process.env.INIT_ROOT_EMAIL || 'admin@nocobase.com';
export const ROOT_PASSWORD = process.env.INIT_ROOT_PASSWORD || 'admin123';
const MEMBER_PASSWORD = 'member-password-1';

/**
 * Each app booted on a database gets its own instance id, as the processes of a NocoBase cluster (or a
 * restarted process) do: NocoBase's snowflake ids (executions, jobs) embed it, and two apps with the same
 * id can mint the same execution id. Without a cluster's id allocator NocoBase picks one of 32 at random.
 */
let lastInstanceId = 0;
function nextInstanceId(): number {
  lastInstanceId = (lastInstanceId % 31) + 1;
  return lastInstanceId;
}

async function bootApplication(database: TestDatabase, options: TestAppOptions, install: boolean, name: string) {
  await runStaticImports(options.plugins ?? APP_PLUGINS);
  const appOptions = await demoAppOptions({
    database: options.connectThrough?.(database.options) ?? database.options,
    builtInPlugins: options.plugins ?? APP_PLUGINS,
    name,
  });
  appOptions.plugins = [...(options.presetPlugins ?? []), ...(appOptions.plugins ?? [])];
  const app = new Application({ ...appOptions, instanceId: nextInstanceId() });
  if (install) {
    await app.runCommandThrowError('install');
  }
  await app.runCommandThrowError('start');
  return app;
}

export async function signIn(http: supertest.Agent, email: string, password: string): Promise<string> {
  const response = await http
    .post('/api/auth:signIn')
    .set('X-Authenticator', 'basic')
    .send({ account: email, password });
  if (response.status !== 200) {
    throw new Error(`sign-in of ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body.data.token;
}

async function signInRoot(app: Application): Promise<TestUser> {
  const token = await signIn(supertest.agent(app.callback()), ROOT_EMAIL, ROOT_PASSWORD);
  const user = await app.db.getRepository('users').findOne({ filter: { email: ROOT_EMAIL } });
  return { id: user.get('id'), email: ROOT_EMAIL, token };
}

/** Boots a real NocoBase application with this plugin on a database of its own. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  // One name for every process of this app, as the nodes of a NocoBase cluster share theirs.
  const name = `test_${Math.random().toString(36).slice(2, 10)}`;
  let app: Application;
  let root: TestUser;
  try {
    app = await bootApplication(database, options, true, name);
    root = await signInRoot(app);
  } catch (error) {
    await database.drop();
    throw error;
  }
  let memberUser: TestUser | undefined;

  const testApp: TestApp = {
    database,
    get app() {
      return app;
    },
    get http() {
      return supertest.agent(app.callback());
    },
    get root() {
      return root;
    },
    post(path) {
      return testApp.http.post(path).auth(root.token, { type: 'bearer' });
    },
    get(path) {
      return testApp.http.get(path).auth(root.token, { type: 'bearer' });
    },
    async member() {
      if (!memberUser) {
        const email = 'member@hookflow.test';
        const user = await app.db.getRepository('users').create({
          values: { email, nickname: 'Member', password: MEMBER_PASSWORD, roles: ['member'] },
        });
        const token = await signIn(testApp.http, email, MEMBER_PASSWORD);
        memberUser = { id: user.get('id'), email, token };
      }
      return memberUser;
    },
    async restart() {
      await app.destroy();
      app = await bootApplication(database, options, false, name);
      root = await signInRoot(app);
      memberUser = undefined;
    },
    anotherInstance() {
      return bootApplication(database, options, false, name);
    },
    async destroy() {
      try {
        await app.destroy();
      } finally {
        await database.drop();
      }
    },
  };
  return testApp;
}

/**
 * One app for the whole test file: booted before the first test, destroyed after the last.
 * Returns a getter, since the app exists only once `beforeAll` has run.
 */
export function useTestApp(options: TestAppOptions = {}, prepare?: (testApp: TestApp) => Promise<void>) {
  let testApp: TestApp | undefined;
  beforeAll(async () => {
    testApp = await createTestApp(options);
    await prepare?.(testApp);
  });
  afterAll(async () => {
    await testApp?.destroy();
  });
  return (): TestApp => {
    if (!testApp) {
      throw new Error('the test app is not booted yet: use it inside a test or hook');
    }
    return testApp;
  };
}
