// @ts-check
'use strict';

/*
 * Builds what NocoBase loads: dist/server (CommonJS, from tsc), dist/node_modules (the server's own
 * dependencies, bundled: a plugin uploaded through the plugin manager gets no `npm install`),
 * dist/client/index.js (an AMD module for the admin UI's requirejs loader, host libraries left
 * external) and dist/locale.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const esbuild = require('esbuild');
const { REPOSITORY_ROOT } = require('./lib/environment');
const { CLIENT_EXTERNALS } = require('./lib/clientExternals');

const dist = path.join(REPOSITORY_ROOT, 'dist');

function buildServer() {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', path.join(REPOSITORY_ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
}

/**
 * Each runtime dependency as one CommonJS file under dist/node_modules/<name>, where Node finds it
 * from dist/server before looking in the host app's node_modules.
 */
async function bundleServerDependencies() {
  const { dependencies = {} } = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8'));
  for (const name of Object.keys(dependencies)) {
    const source = path.join(REPOSITORY_ROOT, 'node_modules', name);
    const manifest = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8'));
    const target = path.join(dist, 'node_modules', name);
    await esbuild.build({
      entryPoints: [require.resolve(name, { paths: [REPOSITORY_ROOT] })],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: path.join(target, 'index.js'),
      logLevel: 'warning',
    });
    const bundled = { name, version: manifest.version, license: manifest.license, main: 'index.js' };
    fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(bundled, null, 2)}\n`);
    for (const license of ['LICENSE', 'LICENSE.md', 'LICENSE.txt']) {
      if (fs.existsSync(path.join(source, license))) {
        fs.copyFileSync(path.join(source, license), path.join(target, license));
      }
    }
  }
}

async function buildClient() {
  const result = await esbuild.build({
    entryPoints: [path.join(REPOSITORY_ROOT, 'src/client/index.tsx')],
    bundle: true,
    format: 'cjs',
    platform: 'browser',
    target: 'es2020',
    jsx: 'automatic',
    minify: true,
    sourcemap: false,
    external: CLIENT_EXTERNALS.flatMap((name) => [name, `${name}/*`]),
    write: false,
    logLevel: 'warning',
  });
  const bundle = result.outputFiles[0].text;
  const dependencies = JSON.stringify(['require', 'exports', 'module', ...requiredExternals(bundle)]);
  const amd = `define(${dependencies}, function (require, exports, module) {\n${bundle}\n});\n`;
  fs.mkdirSync(path.join(dist, 'client'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'client', 'index.js'), amd);
  return amd.length;
}

/**
 * The external modules the bundle requires, so that requirejs loads them before the factory runs.
 * @param {string} bundle
 */
function requiredExternals(bundle) {
  const found = new Set();
  for (const match of bundle.matchAll(/require\("([^"]+)"\)/g)) {
    found.add(match[1]);
  }
  return [...found].sort();
}

function copyLocales() {
  const from = path.join(REPOSITORY_ROOT, 'src/locale');
  const to = path.join(dist, 'locale');
  fs.mkdirSync(to, { recursive: true });
  for (const file of fs.readdirSync(from).filter((name) => name.endsWith('.json'))) {
    fs.copyFileSync(path.join(from, file), path.join(to, file));
  }
}

async function build() {
  const started = Date.now();
  fs.rmSync(dist, { recursive: true, force: true });
  buildServer();
  await bundleServerDependencies();
  const clientBytes = await buildClient();
  copyLocales();
  console.log(`[hookflow:build] dist ready in ${Date.now() - started} ms (client bundle ${clientBytes} bytes)`);
}

/**
 * @param {string[]} paths
 * @returns {number}
 */
function newestModification(paths) {
  let newest = 0;
  for (const entry of paths) {
    if (!fs.existsSync(entry)) {
      continue;
    }
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      newest = Math.max(newest, newestModification(fs.readdirSync(entry).map((name) => path.join(entry, name))));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}

/** Builds when dist is missing or older than anything it is built from. */
async function buildIfStale() {
  const outputs = ['server/index.js', 'client/index.js', 'locale/en-US.json'].map((file) => path.join(dist, file));
  if (outputs.every((file) => fs.existsSync(file))) {
    const builtAt = Math.min(...outputs.map((file) => fs.statSync(file).mtimeMs));
    const sources = ['src', 'package.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.js'];
    if (newestModification(sources.map((name) => path.join(REPOSITORY_ROOT, name))) <= builtAt) {
      return;
    }
  }
  await build();
}

if (require.main === module) {
  build().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

module.exports = { build, buildIfStale };
