// @ts-check
'use strict';

const { shareWithStatus } = require('./measure');

/** @typedef {import('./measure').LoadResult & { settled?: number }} Measured */
/** @typedef {Record<string, Record<string, Measured>>} Scenarios */
/** @typedef {{ name: string, value: number, target?: string, met?: boolean }} Ratio */

/**
 * The ratios the issue sets targets for, each from one side-by-side measurement, with whether the
 * target is met.
 *
 * @param {Scenarios} scenarios
 * @param {Record<string, number>} figures
 * @param {string} nomatch the nomatch scenario's name (`nomatch-500`, or fewer workflows in a quick run)
 * @returns {Ratio[]}
 */
function ratiosOf(scenarios, figures, nomatch) {
  const rate = (/** @type {string} */ scenario, /** @type {string} */ system) =>
    scenarios[scenario]?.[system]?.requestsPerSecond ?? NaN;
  /** @type {(name: string, value: number, target?: string, met?: boolean) => Ratio} */
  const ratio = (name, value, target, met) => ({ name, value, target, met });
  const ratios = [
    ratio('base / koa ceiling', rate('base', 'hookflow') / rate('ceiling', 'koa')),
    ratio(`${nomatch} / base`, rate(nomatch, 'hookflow') / rate(nomatch, 'base'), '≥ 0.97'),
    ratio(`${nomatch}: hookflow / built-in`, rate(nomatch, 'hookflow') / rate(nomatch, 'builtin'), '> 1'),
  ];
  for (const scenario of ['pass-1', 'block-1', 'local-1']) {
    ratios.push(
      ratio(`${scenario}: hookflow / built-in`, rate(scenario, 'hookflow') / rate(scenario, 'builtin'), '≥ 2'),
      ratio(`${scenario} / base`, rate(scenario, 'hookflow') / rate(scenario, 'base'), '≥ 0.5'),
    );
  }
  for (const scenario of ['pass-1', 'block-1']) {
    ratios.push(
      ratio(`${scenario} without history / base`, rate(scenario, 'hookflow, no history') / rate(scenario, 'base')),
    );
  }
  ratios.push(
    ratio('block-1 / base', rate('block-1', 'hookflow') / rate('block-1', 'base'), '≥ 1'),
    ratio('hook-async / base', rate('hook-async', 'hookflow') / rate('hook-async', 'base'), '≥ 1'),
    ratio('hook-sync / pass-1', rate('hook-sync', 'hook-sync') / rate('hook-sync', 'pass-1'), '≥ 0.9'),
    ratio(
      'hook-drain: (load + drain) / load',
      (figures['hook-async: seconds per round'] + figures['hook-drain: seconds after a round (median)']) /
        figures['hook-async: seconds per round'],
      '≤ 2',
    ),
  );
  for (const [scenario, status] of /** @type {const} */ ([
    ['concurrency pass-1', 200],
    ['concurrency block-1', 400],
  ])) {
    for (const system of ['hookflow', 'builtin']) {
      const measured = scenarios[scenario]?.[system];
      ratios.push(
        ratio(`${scenario}: correct answers (${system})`, measured ? shareWithStatus(measured, status) : NaN, '= 1'),
      );
    }
  }
  ratios.push(
    ratio(
      'memory pass-1: growth over the first run (MB)',
      figures['memory pass-1: growth over the first run (MB)'],
      '≤ 50',
    ),
    ratio(
      'memory pass-1: growth over the second run (MB)',
      figures['memory pass-1: growth over the second run (MB)'],
      '≤ 10',
    ),
    ratio(
      'memory hook-async: growth over the first run (MB)',
      figures['memory hook-async: growth over the first run (MB)'],
      '≤ 50',
    ),
    ratio(
      'memory hook-async: growth over the second run (MB)',
      figures['memory hook-async: growth over the second run (MB)'],
      '≤ 10',
    ),
    ratio(
      'boot: with the unrelated workflows − without (ms)',
      figures['boot: with the unrelated workflows (ms)'] - figures['boot: without workflows (ms)'],
      '≤ 1000',
    ),
  );
  return ratios.map((item) => ({ ...item, met: item.target ? meets(item.value, item.target) : undefined }));

  /** @param {number} value @param {string} target */
  function meets(value, target) {
    const [operator, bound] = target.split(' ');
    const limit = Number(bound);
    if (!Number.isFinite(value)) {
      return false;
    }
    switch (operator) {
      case '≥':
        return value >= limit;
      case '>':
        return value > limit;
      case '≤':
        return value <= limit;
      default:
        return value === limit;
    }
  }
}

/** @param {number} value */
const fixed = (value) =>
  Number.isFinite(value) ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : 'n/a';

/**
 * @param {{ date: string, dialect: string, quick: boolean, machine: string, connections: number, concurrentConnections: number, scenarios: Scenarios, figures: Record<string, number> }} report
 * @param {Ratio[]} ratios
 */
function printMarkdown(report, ratios) {
  console.log(
    `\n### ${report.date.slice(0, 10)}, ${report.dialect}, ${report.machine}, ${report.connections} connection(s), concurrency ${report.concurrentConnections}${report.quick ? ', quick (not a measurement)' : ''}\n`,
  );
  console.log('| scenario | system | req/s (median round) | p50 ms | p99 ms | status codes |');
  console.log('| --- | --- | ---: | ---: | ---: | --- |');
  for (const [scenario, systems] of Object.entries(report.scenarios)) {
    for (const [system, result] of Object.entries(systems)) {
      const codes = Object.entries(result.statusCodes)
        .map(([code, { count }]) => `${code}×${count}`)
        .join(' ');
      console.log(
        `| ${scenario} | ${system} | ${fixed(result.requestsPerSecond)} | ${result.p50} | ${result.p99} | ${codes}${result.errors ? ` errors×${result.errors}` : ''} |`,
      );
    }
  }
  console.log('\n| ratio or figure | value | target | met |\n| --- | ---: | --- | --- |');
  for (const { name, value, target, met } of ratios) {
    console.log(`| ${name} | ${fixed(value)} | ${target ?? ''} | ${met === undefined ? '' : met ? 'yes' : '**no**'} |`);
  }
  console.log('\n| figure | value |\n| --- | ---: |');
  for (const [name, value] of Object.entries(report.figures)) {
    console.log(`| ${name} | ${fixed(value)} |`);
  }
}

module.exports = { ratiosOf, printMarkdown };
