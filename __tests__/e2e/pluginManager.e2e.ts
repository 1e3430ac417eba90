import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { DemoProcess, freePort, startDemoProcess } from '../helpers/demoProcess';
import { ROOT_EMAIL, ROOT_PASSWORD } from '../helpers/testApp';
import { createTestDatabase, TestDatabase } from '../helpers/testDatabase';
import { launchBrowser, signInAsRoot, watchPluginErrors } from './browser';

const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots');

describe('a user finds the plugin enabled in the plugin manager', () => {
  let database: TestDatabase;
  let storage: string;
  let demo: DemoProcess;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase();
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'hookflow-e2e-'));
    demo = await startDemoProcess({ ...database.env, APP_PORT: String(await freePort()), STORAGE_PATH: storage });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await database?.drop();
    fs.rmSync(storage, { recursive: true, force: true });
  });

  it('signs in as root and sees the plugin, enabled, under Settings → Plugin manager', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pluginErrors = watchPluginErrors(page);
    await signInAsRoot(page, demo.baseUrl, ROOT_EMAIL, ROOT_PASSWORD);
    await page.goto(`${demo.baseUrl}/admin/pm/list`);
    const card = page.getByText('Workflow: HTTP interception and webhooks');
    await card.waitFor({ timeout: 60_000 });
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'plugin-manager.png') });
    expect(pluginErrors).toEqual([]);

    const token = await page.evaluate("localStorage.getItem('NOCOBASE_TOKEN')");
    const listed = await fetch(`${demo.baseUrl}/api/pm:list`, { headers: { Authorization: `Bearer ${token}` } });
    const plugins = ((await listed.json()) as { data: { packageName: string; enabled: boolean }[] }).data;
    expect(plugins.find((plugin) => plugin.packageName === '@hookflow/plugin-workflow-http')?.enabled).toBe(true);
  });
});
