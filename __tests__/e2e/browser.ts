import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_FLAGS });
}

/** Console errors raised by this plugin's client bundle, which the tests do not tolerate. */
export function watchPluginErrors(page: Page): string[] {
  const errors: string[] = [];
  const fromPlugin = (text: string, location: string) =>
    location.includes('@hookflow/plugin-workflow-http') || text.includes('@hookflow/plugin-workflow-http');
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' && fromPlugin(message.text(), message.location().url)) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => {
    if (fromPlugin(error.message, error.stack ?? '')) {
      errors.push(error.message);
    }
  });
  return errors;
}

export async function signInAsRoot(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/signin`);
  await page.getByPlaceholder('Username/Email').fill(email);
  await page.getByPlaceholder('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/admin/, { timeout: 60_000 });
}
