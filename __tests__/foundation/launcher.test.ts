import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoProcess, freePort, startDemoProcess } from '../helpers/demoProcess';
import { ROOT_EMAIL, ROOT_PASSWORD } from '../helpers/testApp';
import { createTestDatabase, TestDatabase } from '../helpers/testDatabase';

interface SignInBody {
  data: { token: string; user: { email: string } };
}

async function signIn(baseUrl: string, account: string, password: string) {
  return fetch(`${baseUrl}/api/auth:signIn`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Authenticator': 'basic' },
    body: JSON.stringify({ account, password }),
  });
}

describe('npm start boots a demo app that keeps its data across restarts', () => {
  let database: TestDatabase;
  let storage: string;
  let demo: DemoProcess | undefined;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'hookflow-demo-'));
    env = { ...database.env, APP_PORT: String(await freePort()), STORAGE_PATH: storage };
  });

  afterAll(async () => {
    await demo?.stop();
    await database.drop();
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it('signs in the root account on 127.0.0.1 with the default credentials', async () => {
    demo = await startDemoProcess(env);
    const response = await signIn(demo.baseUrl, ROOT_EMAIL, ROOT_PASSWORD);
    expect(response.status).toBe(200);
    const body = (await response.json()) as SignInBody;
    expect(body.data.user.email).toBe(ROOT_EMAIL);
    expect(typeof body.data.token).toBe('string');
  });

  it('serves NocoBase’s admin UI and this plugin’s client bundle to it', async () => {
    const page = await fetch(`${demo!.baseUrl}/signin`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('<div id="root"></div>');

    const enabled = (await (await fetch(`${demo!.baseUrl}/api/pm:listEnabled`)).json()) as {
      data: { packageName: string; url: string }[];
    };
    const entry = enabled.data.find((plugin) => plugin.packageName === '@hookflow/plugin-workflow-http');
    expect(entry?.url).toMatch(/^\/static\/plugins\/@hookflow\/plugin-workflow-http\/dist\/client\/index\.js/);
    const bundle = await fetch(`${demo!.baseUrl}${entry!.url}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect(await bundle.text()).toMatch(/^define\(/);
  });

  it('rejects a wrong password with 401', async () => {
    const response = await signIn(demo!.baseUrl, ROOT_EMAIL, 'not-the-password');
    expect(response.status).toBe(401);
  });

  it('stops cleanly on SIGTERM and keeps a user created before the restart', async () => {
    const signedIn = (await (await signIn(demo!.baseUrl, ROOT_EMAIL, ROOT_PASSWORD)).json()) as SignInBody;
    const token = signedIn.data.token;
    const created = await fetch(`${demo!.baseUrl}/api/users:create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ email: 'kept@hookflow.test', nickname: 'Kept', password: 'kept-password-1' }),
    });
    expect(created.status).toBe(200);

    expect(await demo!.stop()).toBe(0);
    demo = await startDemoProcess(env);

    const again = await signIn(demo.baseUrl, 'kept@hookflow.test', 'kept-password-1');
    expect(again.status).toBe(200);
  });
});
