import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sign as signGithub } from '@octokit/webhooks-methods';
import type { Browser, Page } from 'playwright-core';
import { DemoProcess, freePort, startDemoProcess } from '../helpers/demoProcess';
import { ROOT_EMAIL, ROOT_PASSWORD } from '../helpers/testApp';
import { createTestDatabase, TestDatabase } from '../helpers/testDatabase';
import { launchBrowser, signInAsRoot, watchPluginErrors } from './browser';
import { formItem, SCREENSHOTS, WorkflowCanvas } from './canvas';

const ORDERS = `e2e_orders_${Date.now().toString(36)}`;
const BODY_SAMPLE = { order: { id: 'A-17', items: [{ sku: 'S-1', qty: 2 }] } };

/** Scenarios b–f: workflows built in the browser alone, then checked over HTTP. */
describe('a user builds and runs both kinds of workflows in the workflow canvas', () => {
  let database: TestDatabase;
  let storage: string;
  let demo: DemoProcess;
  let browser: Browser;
  let page: Page;
  let canvas: WorkflowCanvas;
  let pluginErrors: string[];
  let token: string;
  let syncWebhookId: number;

  const api = (resource: string, init: RequestInit = {}) =>
    fetch(`${demo.baseUrl}/api/${resource}`, {
      ...init,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...init.headers },
    });

  const countOrders = async () => {
    const answer = await api(`${ORDERS}:list?paginate=false`);
    return ((await answer.json()) as { data: unknown[] }).data.length;
  };

  const countExecutions = async (workflowId: number) => {
    const answer = await api(`executions:list?filter[workflowId]=${workflowId}&paginate=false`);
    return ((await answer.json()) as { data: unknown[] }).data.length;
  };

  beforeAll(async () => {
    if (process.env.HOOKFLOW_E2E_URL) {
      // While writing a scenario: drive an already running `npm start` instead of booting a fresh one.
      demo = {
        baseUrl: process.env.HOOKFLOW_E2E_URL,
        output: () => '',
        stop: async () => 0,
        kill: async () => undefined,
      };
    } else {
      database = await createTestDatabase();
      storage = fs.mkdtempSync(path.join(os.tmpdir(), 'hookflow-e2e-'));
      demo = await startDemoProcess({ ...database.env, APP_PORT: String(await freePort()), STORAGE_PATH: storage });
    }
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    pluginErrors = watchPluginErrors(page);
    await signInAsRoot(page, demo.baseUrl, ROOT_EMAIL, ROOT_PASSWORD);
    token = (await page.evaluate("localStorage.getItem('NOCOBASE_TOKEN')")) as string;
    canvas = new WorkflowCanvas(page, demo.baseUrl);
    const created = await api('collections:create', {
      method: 'POST',
      body: JSON.stringify({
        name: ORDERS,
        title: 'Orders',
        fields: [
          { name: 'title', type: 'string', interface: 'input', uiSchema: { title: 'Title', 'x-component': 'Input' } },
          {
            name: 'amount',
            type: 'integer',
            interface: 'integer',
            uiSchema: { title: 'Amount', 'x-component': 'InputNumber' },
          },
        ],
      }),
    });
    expect(created.status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await database?.drop();
    if (storage) {
      fs.rmSync(storage, { recursive: true, force: true });
    }
  });

  afterEach(() => {
    expect(pluginErrors).toEqual([]);
  });

  describe('b. a global request-interception workflow rejects a create with a rendered message', () => {
    it('is built from a condition, a response message with a variable and a failed End node', async () => {
      const workflowId = await canvas.createWorkflow({
        title: 'Big orders need approval',
        trigger: 'Request interception',
      });

      const trigger = await canvas.openTrigger();
      await formItem(trigger, 'Collection').locator('.ant-select-selector').click();
      const collections = page.locator('.ant-cascader-dropdown:visible');
      await collections.locator('li.ant-cascader-menu-item[data-path-key="main"]').click();
      await collections.locator(`li.ant-cascader-menu-item[data-path-key$="_${ORDERS}"]`).click();
      await trigger.getByLabel('Global: every request with the actions below').check();
      await trigger.getByLabel('Create record', { exact: true }).check();
      await canvas.screenshot('interception-trigger-form');
      await canvas.submit(trigger, /workflows:update/);

      const afterTrigger = page.getByRole('button', { name: 'add-button', exact: true });
      const offered = await canvas.offeredNodeTypes(afterTrigger);
      expect(offered).toContain('response-message');
      expect(offered).not.toContain('response');

      await canvas.addNode(afterTrigger, 'condition', (dialog) =>
        dialog.getByLabel('Branch into "Yes" and "No"').check(),
      );
      const condition = await canvas.openNode('Condition-Condition');
      await condition.getByLabel('Formula.js').check();
      const expression = condition.locator('.ant-form-item:has(label[for="config_expression"])');
      await canvas.pickVariable(expression, ['Trigger variables', 'Request parameters', 'Values submitted', 'Amount']);
      await canvas.appendText(expression.locator('[contenteditable="true"]'), ' > 100');
      await canvas.submit(condition, /flow_nodes:update/);

      const yesBranch = page.locator('.workflow-node-type-condition .workflow-branch').nth(1);
      await canvas.addNode(yesBranch.locator('.workflow-add-node-button button').first(), 'response-message');
      const message = await canvas.openNode('Response message-Response message');
      const messageField = formItem(message, 'Message');
      await canvas.pickVariable(messageField, ['Trigger variables', 'Request parameters', 'Values submitted', 'Title']);
      await canvas.appendText(messageField.locator('[contenteditable="true"]'), ' needs approval');
      await canvas.screenshot('response-message-form');
      await canvas.submit(message, /flow_nodes:update/);

      await canvas.addNode(yesBranch.locator('.workflow-add-node-button button').last(), 'end');
      const end = await canvas.openNode('End process-End process');
      await end.getByLabel('Failed', { exact: true }).check();
      await canvas.submit(end, /flow_nodes:update/);

      await canvas.enable();
      await canvas.screenshot('interception-canvas');
      const workflow = (await (await api(`workflows:get?filterByTk=${workflowId}`)).json()) as { data: unknown };
      expect(workflow.data).toMatchObject({
        enabled: true,
        config: { collection: ORDERS, global: true, actions: ['create'] },
      });

      const rejected = await api(`${ORDERS}:create`, {
        method: 'POST',
        body: JSON.stringify({ title: 'Yacht', amount: 500 }),
      });
      expect(rejected.status).toBe(400);
      expect(await rejected.json()).toEqual({ errors: [{ message: 'Yacht needs approval' }] });
      expect(await countOrders()).toBe(0);

      const passed = await api(`${ORDERS}:create`, {
        method: 'POST',
        body: JSON.stringify({ title: 'Pen', amount: 5 }),
      });
      expect(passed.status).toBe(200);
      expect(await countOrders()).toBe(1);
    });
  });

  describe('c. a synchronous webhook with Basic auth answers with its Response node', () => {
    it('is configured in the trigger form, parses a body sample and renders the response body', async () => {
      syncWebhookId = await canvas.createWorkflow({ title: 'Shop orders', trigger: 'Webhook', mode: 'Synchronously' });

      const trigger = await canvas.openTrigger();
      const url = (await trigger.locator('.hookflow-webhook-url code').innerText()).trim();
      expect(url).toMatch(new RegExp(`^${demo.baseUrl}/api/webhook:trigger/\\w+$`));
      await trigger.getByRole('switch', { name: 'Require Basic authentication' }).click();
      await trigger.getByLabel('Username').fill('shop');
      await trigger.getByLabel('Password').fill('s3cret');
      const body = trigger.locator('.hookflow-parsed-body');
      await body.getByRole('button', { name: 'Parse from sample' }).click();
      const sample = page.locator('.ant-modal-content:visible');
      await sample.getByLabel('Sample').fill(JSON.stringify(BODY_SAMPLE, null, 2));
      await sample.getByRole('button', { name: 'Parse', exact: true }).click();
      await sample.waitFor({ state: 'hidden' });
      const keys = await body
        .getByLabel('Key')
        .evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
      expect(keys).toEqual(['order.id', 'order.items[0].sku', 'order.items[0].qty']);
      await body.getByLabel('Alias').first().fill('Order id');
      await canvas.screenshot('webhook-sync-trigger-form');
      await canvas.submit(trigger, /workflows:update/);

      const afterTrigger = page.getByRole('button', { name: 'add-button', exact: true });
      const offered = await canvas.offeredNodeTypes(afterTrigger);
      expect(offered).toContain('response');
      expect(offered).not.toContain('response-message');

      await canvas.addNode(afterTrigger, 'response');
      const response = await canvas.openNode('Response-Response');
      await formItem(response, 'Status code').locator('input').fill('201');
      await formItem(response, 'Response body')
        .locator('textarea')
        .fill('{"received": "{{$context.body.body_$0}}", "sku": "{{$context.body.body_$1}}"}');
      await canvas.screenshot('response-node-form');
      await canvas.submit(response, /flow_nodes:update/);
      await expect(page.getByRole('button', { name: /^add-button-response-/ }).count()).resolves.toBe(0);

      await canvas.enable();
      await canvas.screenshot('webhook-sync-canvas');

      const anonymous = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(BODY_SAMPLE),
      });
      expect(anonymous.status).toBe(401);
      const signed = await fetch(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Basic ${Buffer.from('shop:s3cret').toString('base64')}`,
        },
        body: JSON.stringify(BODY_SAMPLE),
      });
      expect(signed.status).toBe(201);
      expect(await signed.json()).toEqual({ received: 'A-17', sku: 'S-1' });
    });
  });

  describe('d. an asynchronous webhook answers with its configured response at once', () => {
    it('sends status 202, a header and a JSON body, then runs the workflow once', async () => {
      const workflowId = await canvas.createWorkflow({
        title: 'Queued events',
        trigger: 'Webhook',
        mode: 'Asynchronously',
      });
      const trigger = await canvas.openTrigger();
      const url = (await trigger.locator('.hookflow-webhook-url code').innerText()).trim();
      await formItem(trigger, 'Status code').locator('input').fill('202');
      await trigger.getByRole('button', { name: 'Add header' }).click();
      await trigger.getByLabel('Header name').fill('X-Queued');
      await trigger.getByLabel('Header value').fill('yes');
      await trigger.getByRole('textbox', { name: 'Response body' }).fill('{"queued": true}');
      await canvas.screenshot('webhook-async-trigger-form');
      await canvas.submit(trigger, /workflows:update/);
      await canvas.enable();

      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ event: 'ping' }),
      });
      expect(answer.status).toBe(202);
      expect(answer.headers.get('x-queued')).toBe('yes');
      expect(await answer.json()).toEqual({ queued: true });
      for (let attempt = 0; attempt < 60 && (await countExecutions(workflowId)) === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(await countExecutions(workflowId)).toBe(1);
    });
  });

  describe('f. a signed asynchronous webhook is set up from a test request, then its log replays a delivery', () => {
    it('parses a listened request, verifies GitHub signatures, drops a duplicate and replays from the log', async () => {
      const workflowId = await canvas.createWorkflow({
        title: 'GitHub pushes',
        trigger: 'Webhook',
        mode: 'Asynchronously',
      });
      let trigger = await canvas.openTrigger();
      const url = (await trigger.locator('.hookflow-webhook-url code').innerText()).trim();

      await trigger.getByRole('button', { name: 'Listen for a test request' }).click();
      await page.waitForTimeout(1000);
      const sample = JSON.stringify({ ref: 'refs/heads/main', repository: { name: 'hookflow' } });
      const test = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'push' },
        body: sample,
      });
      expect(test.status).toBe(404);
      await trigger.getByRole('button', { name: 'Parse from this request' }).click();
      await trigger.locator('.hookflow-parsed-body input[value="repository.name"]').waitFor();
      await trigger.locator('.hookflow-parsed-headers input[value="x-github-event"]').waitFor();

      await trigger.locator('.hookflow-signature .ant-select-selector').first().click();
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option[title="GitHub (X-Hub-Signature-256)"]')
        .click();
      await trigger.getByLabel('Secret').fill('e2e-secret');
      await trigger.getByRole('switch', { name: 'Deduplicate deliveries' }).click();
      await canvas.screenshot('webhook-provider-settings');
      await canvas.submit(trigger, /workflows:update/);
      await canvas.enable();

      const push = JSON.stringify({ ref: 'refs/heads/main', repository: { name: 'hookflow' } });
      const signature = await signGithub('e2e-secret', push);
      for (const attempt of [1, 2]) {
        const delivered = await fetch(url, {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-GitHub-Event': 'push',
            'X-GitHub-Delivery': 'delivery-e2e-1',
            'X-Hub-Signature-256': signature,
          },
          body: push,
        });
        expect([attempt, delivered.status]).toEqual([attempt, 200]);
      }
      const forged = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Hub-Signature-256': 'sha256=00' },
        body: push,
      });
      expect(forged.status).toBe(401);
      for (let attempt = 0; attempt < 60 && (await countExecutions(workflowId)) === 0; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(await countExecutions(workflowId)).toBe(1);

      await canvas.open(workflowId);
      trigger = await canvas.openTrigger();
      await trigger.getByRole('button', { name: 'Request log' }).click();
      const log = canvas.drawer('Request log');
      await log.locator('.ant-table-row').first().waitFor();
      expect(await log.locator('.ant-table-row').count()).toBe(1);
      await log.getByRole('button', { name: 'Replay' }).click();
      await log.getByText(/^replay of #/).waitFor();
      expect(await log.locator('.ant-table-row').count()).toBe(2);
      await canvas.screenshot('webhook-request-log');
      for (let attempt = 0; attempt < 60 && (await countExecutions(workflowId)) < 2; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(await countExecutions(workflowId)).toBe(2);
      await page.keyboard.press('Escape');
    });
  });

  describe('e. the same pages in Russian', () => {
    it('shows the webhook trigger form and the Response node form with Russian labels', async () => {
      const languages = await api('systemSettings:update?filterByTk=1', {
        method: 'POST',
        body: JSON.stringify({ enabledLanguages: ['en-US', 'ru-RU', 'zh-CN'] }),
      });
      expect(languages.status).toBe(200);
      await page.evaluate("localStorage.setItem('NOCOBASE_LOCALE', 'ru-RU')");
      await canvas.open(syncWebhookId);
      const trigger = await canvas.openTrigger();
      await canvas.screenshot('webhook-trigger-form-ru');
      for (const label of ['URL вебхука', 'Режим выполнения', 'Basic-аутентификация', 'Разбор запроса']) {
        await trigger.getByText(label, { exact: true }).first().waitFor();
      }
      const parseButtons = trigger.getByRole('button', { name: 'Разобрать по образцу' });
      await parseButtons.first().waitFor();
      expect(await parseButtons.count()).toBe(3);
      await page.keyboard.press('Escape');
      const response = await canvas.openNode('Ответ-Response');
      await response.getByText('Код статуса', { exact: true }).waitFor();
      await canvas.screenshot('response-node-form-ru');
    });
  });
});
