import qs from 'qs';

/** Which part of a webhook request a sample stands for; each is pasted in its own shape. */
export type RequestPart = 'headers' | 'query' | 'body';

export interface ParsedItem {
  key: string;
  alias?: string;
  _var?: string;
}

export class SampleError extends Error {}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) {
    return parent ? `${parent}.${key}` : key;
  }
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * The paths of the leaves of a parsed value, in the notation lodash's `get` reads on the server:
 * `order.id`, `items[0].sku`, `meta["content-type"]`. An array stands for its first element.
 */
export function leafPaths(value: unknown, parent = ''): string[] {
  if (Array.isArray(value) && value.length > 0) {
    return leafPaths(value[0], `${parent}[0]`);
  }
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    return Object.entries(value).flatMap(([key, child]) => leafPaths(child, childPath(parent, key)));
  }
  return parent ? [parent] : [];
}

function headerNames(sample: string): string[] {
  const trimmed = sample.trim();
  if (trimmed.startsWith('{')) {
    return Object.keys(parseJson(trimmed)).map((name) => name.toLowerCase());
  }
  const names = trimmed
    .split(/\r?\n/)
    .map((line) => /^([!#$%&'*+\-.^_`|~0-9A-Za-z]+)\s*:/.exec(line.trim())?.[1])
    .filter((name): name is string => Boolean(name))
    .map((name) => name.toLowerCase());
  if (!names.length) {
    throw new SampleError('Paste header lines such as "X-Event: order.created".');
  }
  return names;
}

function parseJson(sample: string): Record<string, unknown> {
  try {
    return JSON.parse(sample);
  } catch {
    throw new SampleError('The sample is not valid JSON.');
  }
}

/** Query strings and form bodies are parsed alike, as the server parses them. */
function formPaths(text: string): string[] {
  return leafPaths(qs.parse(text, { depth: 10, arrayLimit: 100, parameterLimit: 1000 }));
}

function queryPaths(sample: string): string[] {
  return formPaths(sample.trim().replace(/^[^?]*\?/, ''));
}

/** A form body (`a=1&user[name]=x`) is read as one; anything else must be JSON. */
function bodyPaths(sample: string): string[] {
  const trimmed = sample.trim();
  if (/^[^{[\s=&]+=/.test(trimmed)) {
    return formPaths(trimmed);
  }
  return leafPaths(parseJson(trimmed));
}

/** The keys a pasted sample declares: header names, query parameter paths or body paths (JSON or form). */
export function keysOfSample(part: RequestPart, sample: string): string[] {
  const keys = part === 'headers' ? headerNames(sample) : part === 'query' ? queryPaths(sample) : bodyPaths(sample);
  return [...new Set(keys)];
}

/**
 * A variable name NocoBase's webhook trigger would give (`body_$0`); never one used before in the list,
 * so a later node that reads a removed item's variable does not silently read a new item instead.
 */
export function nextVariableName(part: Exclude<RequestPart, 'headers'>, items: ParsedItem[]): string {
  const pattern = new RegExp(`^${part}_\\$(\\d+)$`);
  const used = items.map((item) => Number(pattern.exec(item._var ?? '')?.[1] ?? -1));
  return `${part}_$${Math.max(-1, ...used) + 1}`;
}

/** The items with the sample's keys added after them; keys already listed keep their alias and variable. */
export function mergeSampleKeys(part: RequestPart, items: ParsedItem[], keys: string[]): ParsedItem[] {
  const merged = [...items];
  for (const key of keys) {
    if (merged.some((item) => item.key === key)) {
      continue;
    }
    merged.push(part === 'headers' ? { key } : { key, _var: nextVariableName(part, merged) });
  }
  return merged;
}
