/** The address third parties post to; it holds the workflow key, which every version of a workflow shares. */
export function webhookUrl(apiBaseUrl: string, pageUrl: string, workflowKey: string): string {
  const base = new URL(apiBaseUrl, pageUrl);
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return new URL(`${prefix}webhook:trigger/${encodeURIComponent(workflowKey)}`, base.origin).href;
}
