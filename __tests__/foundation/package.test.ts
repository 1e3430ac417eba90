import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPOSITORY = path.resolve(__dirname, '../..');
const PACKAGE = '@hookflow/plugin-workflow-http';

describe('the npm pack tarball is a plugin NocoBase can load from an upload', () => {
  let host: string;
  let installed: string;

  beforeAll(() => {
    host = fs.mkdtempSync(path.join(os.tmpdir(), 'hookflow-host-'));
    const [{ filename }] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', host], { cwd: REPOSITORY, encoding: 'utf8' }),
    );
    execFileSync('tar', ['xzf', path.join(host, filename), '-C', host]);
    installed = path.join(host, 'node_modules', PACKAGE);
    fs.mkdirSync(path.dirname(installed), { recursive: true });
    fs.renameSync(path.join(host, 'package'), installed);
    // A host app brings NocoBase itself, and nothing else this plugin uses.
    fs.symlinkSync(path.join(REPOSITORY, 'node_modules', '@nocobase'), path.join(host, 'node_modules', '@nocobase'));
  });

  afterAll(() => {
    fs.rmSync(host, { recursive: true, force: true });
  });

  it('holds the built server, client, locales and entry shims, and no sources or tests', () => {
    for (const file of ['package.json', 'server.js', 'client.js', 'dist/server/index.js', 'dist/client/index.js']) {
      expect(fs.existsSync(path.join(installed, file))).toBe(true);
    }
    for (const locale of ['en-US', 'ru-RU', 'zh-CN']) {
      expect(fs.existsSync(path.join(installed, 'dist/locale', `${locale}.json`))).toBe(true);
    }
    expect(fs.existsSync(path.join(installed, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(installed, '__tests__'))).toBe(false);
  });

  it('loads its server with its own dependencies, none taken from the host', () => {
    const script = [
      `const plugin = require(${JSON.stringify(installed)});`,
      `if (typeof plugin.default !== 'function') throw new Error('no plugin class');`,
      `require(${JSON.stringify(path.join(installed, 'dist/server/webhook/webhookEndpoint.js'))});`,
      `require(${JSON.stringify(path.join(installed, 'dist/server/webhook/basicAuth.js'))});`,
      `console.log('loaded');`,
    ].join('\n');
    const output = execFileSync(process.execPath, ['-e', script], {
      cwd: host,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: '' },
    });
    expect(output.trim().split('\n').pop()).toBe('loaded');
  });
});
