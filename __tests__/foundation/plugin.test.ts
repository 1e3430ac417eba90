import type { Model } from '@nocobase/database';
import { ROOT_EMAIL, useTestApp } from '../helpers/testApp';

const PACKAGE_NAME = '@hookflow/plugin-workflow-http';

interface PluginEntry {
  packageName: string;
  displayName: string;
}

describe('the plugin is installed and enabled in a NocoBase app', () => {
  const testApp = useTestApp();

  async function listed(locale = 'en-US'): Promise<PluginEntry | undefined> {
    const response = await testApp().get('/api/pm:list').set('X-Locale', locale);
    expect(response.status).toBe(200);
    return response.body.data.find((plugin: PluginEntry) => plugin.packageName === PACKAGE_NAME);
  }

  it('is listed by pm:list as enabled, with its display name', async () => {
    expect(await listed()).toMatchObject({
      packageName: PACKAGE_NAME,
      enabled: true,
      installed: true,
      displayName: 'Workflow: HTTP interception and webhooks',
    });
  });

  it('shows its display name in the signed-in user’s language', async () => {
    expect((await listed('ru-RU'))?.displayName).toBe('Рабочий процесс: перехват HTTP-запросов и вебхуки');
    expect((await listed('zh-CN'))?.displayName).toBe('工作流：HTTP 请求拦截与 Webhook');
  });

  it('leaves NocoBase’s own request-interceptor and response-message plugins out of the demo app', async () => {
    const plugins = await testApp()
      .app.db.getRepository('applicationPlugins')
      .find({ filter: { enabled: true } });
    const names = plugins.map((plugin: Model) => plugin.get('packageName'));
    expect(names).toContain('@nocobase/plugin-workflow');
    expect(names).not.toContain('@nocobase/plugin-workflow-request-interceptor');
    expect(names).not.toContain('@nocobase/plugin-workflow-response-message');
  });

  it('signs in the root account and a plain member', async () => {
    const member = await testApp().member();
    const me = await testApp().http.get('/api/auth:check').auth(member.token, { type: 'bearer' });
    expect(me.status).toBe(200);
    expect(me.body.data.email).toBe(member.email);
    expect(testApp().root.email).toBe(ROOT_EMAIL);
  });

  it('refuses pm:list to a plain member', async () => {
    const { token } = await testApp().member();
    const response = await testApp().http.get('/api/pm:list').auth(token, { type: 'bearer' });
    expect(response.status).toBe(403);
  });
});
