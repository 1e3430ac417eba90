import type { Model } from '@nocobase/database';
import { ROOT_EMAIL, TestApp, createTestApp } from '../helpers/testApp';

const PACKAGE_NAME = '@hookflow/plugin-workflow-http';

describe('the plugin is installed and enabled in a NocoBase app', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });

  afterAll(async () => {
    await testApp?.destroy();
  });

  it('is listed by pm:list as enabled, with its display name', async () => {
    const { token } = await testApp.root();
    const response = await testApp.http.get('/api/pm:list').auth(token, { type: 'bearer' });
    expect(response.status).toBe(200);
    const entry = response.body.data.find((plugin: { packageName: string }) => plugin.packageName === PACKAGE_NAME);
    expect(entry).toMatchObject({
      packageName: PACKAGE_NAME,
      enabled: true,
      installed: true,
      displayName: 'Workflow: HTTP interception and webhooks',
    });
  });

  it('shows its display name in the signed-in user’s language', async () => {
    const { token } = await testApp.root();
    const response = await testApp.http.get('/api/pm:list').set('X-Locale', 'ru-RU').auth(token, { type: 'bearer' });
    const entry = response.body.data.find((plugin: { packageName: string }) => plugin.packageName === PACKAGE_NAME);
    expect(entry.displayName).toBe('Рабочий процесс: перехват HTTP-запросов и вебхуки');
  });

  it('leaves NocoBase’s own request-interceptor and response-message plugins out of the demo app', async () => {
    const plugins = await testApp.app.db.getRepository('applicationPlugins').find({ filter: { enabled: true } });
    const names = plugins.map((plugin: Model) => plugin.get('packageName'));
    expect(names).toContain('@nocobase/plugin-workflow');
    expect(names).not.toContain('@nocobase/plugin-workflow-request-interceptor');
    expect(names).not.toContain('@nocobase/plugin-workflow-response-message');
  });

  it('signs in the root account and a plain member', async () => {
    const root = await testApp.root();
    const member = await testApp.member();
    const me = await testApp.http.get('/api/auth:check').auth(member.token, { type: 'bearer' });
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(member.email);
    expect(root.email).toBe(ROOT_EMAIL);
  });

  it('refuses pm:list to a plain member', async () => {
    const { token } = await testApp.member();
    const response = await testApp.http.get('/api/pm:list').auth(token, { type: 'bearer' });
    expect(response.status).toBe(403);
  });
});
