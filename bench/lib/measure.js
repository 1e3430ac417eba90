// @ts-check
'use strict';

const path = require('node:path');
const { fork } = require('node:child_process');
const { waitForMessage } = require('../../scripts/lib/processes');

/** @typedef {{ requestsPerSecond: number, total: number, p50: number, p99: number, errors: number, statusCodes: Record<string, { count: number }> }} LoadResult */
/** @typedef {{ path: string, body: unknown, headers?: Record<string, string> }} Target */
/**
 * One system in a side-by-side measurement. `settle` runs after each of its rounds and before the next
 * round of any system (an asynchronous webhook drains its inbox there, so that its background work does
 * not slow the next system down); what it returns is kept per round.
 *
 * @typedef {{ label: string, url: string, target: Target, connections: number, settle?: () => Promise<number> }} System
 */
/** @typedef {{ rounds: number, durationS: number, warmupS: number }} MeasureSettings */

/**
 * Runs autocannon in a process of its own, so that it does not share an event loop with what it measures.
 *
 * @param {import('autocannon').Options} options
 * @returns {Promise<LoadResult>}
 */
async function load(options) {
  const child = fork(path.join(__dirname, 'load.js'), [JSON.stringify(options)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const result = /** @type {LoadResult & { error?: string }} */ (await waitForMessage(child, 3_600_000));
  if (result.error) {
    throw new Error(result.error);
  }
  return result;
}

/**
 * @param {string} baseUrl
 * @param {Target} target
 * @param {{ connections: number, durationS?: number, amount?: number }} run
 * @returns {import('autocannon').Options}
 */
function loadOptions(baseUrl, target, run) {
  return {
    url: `${baseUrl}${target.path}`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify(target.body),
    connections: run.connections,
    ...(run.amount ? { amount: run.amount } : { duration: run.durationS }),
  };
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/**
 * Warms every system up, then runs the rounds interleaved (A, B, C, A, B, C, …) and keeps each
 * system's median round by requests per second, with the median of what its `settle` returned.
 *
 * @param {System[]} systems
 * @param {MeasureSettings} settings
 * @returns {Promise<Record<string, LoadResult & { settled?: number }>>}
 */
async function measure(systems, settings) {
  for (const system of systems) {
    await load(
      loadOptions(system.url, system.target, { connections: system.connections, durationS: settings.warmupS }),
    );
    await system.settle?.();
  }
  /** @type {Record<string, LoadResult[]>} */
  const rounds = {};
  /** @type {Record<string, number[]>} */
  const settled = {};
  for (let round = 0; round < settings.rounds; round += 1) {
    for (const system of systems) {
      const result = await load(
        loadOptions(system.url, system.target, { connections: system.connections, durationS: settings.durationS }),
      );
      (rounds[system.label] ??= []).push(result);
      if (system.settle) {
        (settled[system.label] ??= []).push(await system.settle());
      }
    }
  }
  /** @type {Record<string, LoadResult & { settled?: number }>} */
  const medians = {};
  for (const [label, results] of Object.entries(rounds)) {
    const middle = median(results.map((result) => result.requestsPerSecond));
    const result = /** @type {LoadResult} */ (results.find((item) => item.requestsPerSecond === middle));
    medians[label] = settled[label] ? { ...result, settled: median(settled[label]) } : result;
  }
  return medians;
}

/** @param {LoadResult} result @param {number} status */
function shareWithStatus(result, status) {
  const total = Object.values(result.statusCodes).reduce((sum, { count }) => sum + count, 0) + result.errors;
  return total ? (result.statusCodes[String(status)]?.count ?? 0) / total : 0;
}

module.exports = { load, loadOptions, measure, shareWithStatus };
