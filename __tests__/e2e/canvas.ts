import path from 'node:path';
import type { Locator, Page } from 'playwright-core';

/** The trigger card of the canvas, in each of the plugin's languages. */
const TRIGGER_CARD = /^(Trigger|Триггер|触发器)-/;

export const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots');

/** What a user clicks in NocoBase's workflow canvas (Settings → Workflow), as one object per page. */
export class WorkflowCanvas {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Settings → Workflow → Add new: the name, the trigger type and, where the trigger allows it, the mode. */
  async createWorkflow(options: { title: string; trigger: string; mode?: string }): Promise<number> {
    const { page } = this;
    await page.goto(`${this.baseUrl}/admin/settings/workflow`);
    await page.getByRole('button', { name: /Add new|Добавить/ }).click();
    const drawer = page
      .locator('.ant-drawer-content')
      .filter({ has: page.locator('.ant-drawer-title') })
      .last();
    await drawer.waitFor();
    await drawer.getByLabel('block-item-CollectionField-workflows-Name').getByRole('textbox').fill(options.title);
    await drawer.getByLabel('block-item-Select-workflows-Trigger type').locator('.ant-select-selector').click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${options.trigger}"]`).click();
    if (options.mode) {
      await drawer
        .getByLabel('block-item-SyncOptionSelect-workflows-Execute mode')
        .getByText(options.mode, { exact: true })
        .click();
    }
    const created = page.waitForResponse((response) => response.url().includes('/api/workflows:create'));
    await drawer.getByRole('button', { name: 'Submit' }).click();
    const answer = await created;
    const id = ((await answer.json()) as { data: { id: number } }).data.id;
    await drawer.waitFor({ state: 'hidden' });
    await this.open(id);
    return id;
  }

  async open(workflowId: number) {
    await this.page.goto(`${this.baseUrl}/admin/settings/workflow/workflows/${workflowId}`);
    await this.page.getByRole('button', { name: TRIGGER_CARD }).waitFor({ timeout: 60_000 });
  }

  drawer(title: string | RegExp): Locator {
    const { page } = this;
    return page
      .locator('.ant-drawer-content')
      .filter({ has: page.locator('.ant-drawer-title', { hasText: title }) })
      .last();
  }

  async openTrigger(): Promise<Locator> {
    await this.page.getByRole('button', { name: TRIGGER_CARD }).locator('.workflow-node-meta').click();
    const drawer = this.drawer(/^(Trigger|Триггер|触发器)$/);
    await drawer.waitFor();
    return drawer;
  }

  async openNode(cardLabel: string): Promise<Locator> {
    await this.page.getByRole('button', { name: cardLabel, exact: true }).locator('.workflow-node-meta').click();
    const drawer = this.page.locator('.ant-drawer-content:visible').last();
    await drawer.waitFor();
    return drawer;
  }

  /** Submits a config drawer and waits for the save it sends. */
  async submit(drawer: Locator, saves: RegExp) {
    const saved = this.page.waitForResponse((response) => saves.test(response.url()));
    await drawer.getByRole('button', { name: /Submit|Отправить|提 ?交/ }).click();
    const answer = await saved;
    if (answer.status() !== 200) {
      throw new Error(`saving failed: ${answer.status()} ${await answer.text()}`);
    }
    await drawer.waitFor({ state: 'hidden' });
  }

  /** Clicks a "+" button and picks a node type in the "Add node" drawer. */
  async addNode(addButton: Locator, type: string, preset?: (dialog: Locator) => Promise<void>) {
    const { page } = this;
    await addButton.click();
    const picker = this.drawer(/^(Add node|Добавить узел|添加节点)$/);
    await picker.waitFor();
    // Listen before the click: a node type without a preset dialog is created by the click itself.
    const created = page.waitForResponse((response) => /nodes:create/.test(response.url()));
    await picker.getByRole('button', { name: type, exact: true }).click();
    if (preset) {
      const dialog = page.getByRole('dialog').last();
      await dialog.waitFor();
      await preset(dialog);
      await dialog.getByRole('button', { name: 'Submit' }).click();
    }
    const answer = await created;
    if (answer.status() !== 200) {
      throw new Error(`adding ${type} failed: ${answer.status()} ${await answer.text()}`);
    }
    await page.waitForTimeout(500);
  }

  /** The node types the "Add node" drawer lets the user pick (it lists the others disabled). */
  async offeredNodeTypes(addButton: Locator): Promise<string[]> {
    await addButton.click();
    const picker = this.drawer(/^(Add node|Добавить узел|添加节点)$/);
    await picker.getByRole('button', { name: 'end', exact: true }).waitFor();
    const types = await picker.getByRole('button').evaluateAll((buttons) =>
      buttons
        .filter((button) => !(button as HTMLButtonElement).disabled && button.getAttribute('aria-disabled') !== 'true')
        .map((button) => button.getAttribute('aria-label') ?? '')
        .filter((type) => type && type !== 'Close'),
    );
    await this.page.keyboard.press('Escape');
    await picker.waitFor({ state: 'hidden' });
    return types;
  }

  /** Inserts a variable into a variable-aware input through its "x" picker, e.g. ['Trigger variables', 'Body']. */
  async pickVariable(field: Locator, titles: string[]) {
    const { page } = this;
    await field
      .getByRole('button', { name: /^(x|variable-button)$/ })
      .first()
      .click();
    const cascader = page.locator('.ant-cascader-dropdown:visible');
    await cascader.waitFor();
    for (const [level, title] of titles.entries()) {
      await cascader.locator('.ant-cascader-menu').nth(level).locator(`li[title="${title}"]`).click();
    }
    await cascader.waitFor({ state: 'hidden' }).catch(() => page.keyboard.press('Escape'));
  }

  /** Types after what a contenteditable variable input already holds (a click could land on a variable tag). */
  async appendText(editable: Locator, text: string) {
    await editable.focus();
    await editable.evaluate((element) => {
      const caret = document.createRange();
      caret.selectNodeContents(element);
      caret.collapse(false);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(caret);
    });
    await this.page.keyboard.insertText(text);
  }

  async enable() {
    const toggle = this.page.getByRole('switch', { checked: false }).filter({ hasText: /Off|Выкл|关/ });
    const saved = this.page.waitForResponse((response) => /workflows:update/.test(response.url()));
    await toggle.click();
    await saved;
  }

  async screenshot(name: string) {
    await this.page.waitForTimeout(400);
    await this.page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
  }
}

/** A field of a config form by its label (NocoBase's Formily forms and antd forms). */
export function formItem(container: Locator, label: string): Locator {
  const exactLabel = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  return container
    .locator('.ant-formily-item, .ant-form-item')
    .filter({ has: container.page().locator('label', { hasText: exactLabel }) })
    .last();
}
