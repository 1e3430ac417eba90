import { webhookUrl } from '../../src/client/webhook/webhookAddress';

describe('the canvas shows the absolute webhook URL the server answers on', () => {
  it('joins the page origin, the API base and the workflow key', () => {
    expect(webhookUrl('/api/', 'http://127.0.0.1:13000/admin/workflow/workflows/1', 'k7x2')).toBe(
      'http://127.0.0.1:13000/api/webhook:trigger/k7x2',
    );
  });

  it('works with an API base without a trailing slash, under a sub-path, or on another origin', () => {
    expect(webhookUrl('/nb/api', 'https://crm.example/nb/admin', 'abc')).toBe(
      'https://crm.example/nb/api/webhook:trigger/abc',
    );
    expect(webhookUrl('https://api.example/api/', 'https://crm.example/admin', 'abc')).toBe(
      'https://api.example/api/webhook:trigger/abc',
    );
  });
});
