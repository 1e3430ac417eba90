/**
 * The workflow keys named by `?triggerWorkflows=key1,key2!path`, in order, each once. The `!path`
 * suffix (used by NocoBase's form buttons to pick a data path) selects nothing here and is dropped.
 */
export function parseTriggerWorkflowsParam(value: unknown): string[] {
  const raw = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  const keys = new Set<string>();
  for (const item of raw.split(',')) {
    const key = item.split('!')[0].trim();
    if (key) {
      keys.add(key);
    }
  }
  return [...keys];
}
