import { execFileSync } from 'node:child_process';
import { curlCommand } from '../../src/client/webhook/curlCommand';

const URL = 'https://nocobase.example/api/webhook:trigger/abc';

/** What a shell makes of the command: its words, as curl would receive them. */
function words(command: string): string[] {
  const script = `for word in ${command.replace(/\\\n/g, ' ')}; do printf '%s\\0' "$word"; done`;
  return execFileSync('bash', ['-c', script]).toString('utf8').split('\0').filter(Boolean);
}

describe('"copy as curl" repeats a stored request without its secrets', () => {
  it('sends the query, the declared headers and the JSON body', () => {
    const command = curlCommand(URL, {
      query: { source: 'shop', order: { id: '7' } },
      headers: { 'x-event': 'order.paid', 'content-type': 'application/json' },
      body: { order: { id: 7, note: "it's fine" } },
    });
    expect(words(command)).toEqual([
      'curl',
      '-X',
      'POST',
      `${URL}?source=shop&order%5Bid%5D=7`,
      '-H',
      'x-event: order.paid',
      '-H',
      'content-type: application/json',
      '--data-raw',
      JSON.stringify({ order: { id: 7, note: "it's fine" } }),
    ]);
  });

  it('redacts signatures, tokens and keys and prefers the raw body when it was kept', () => {
    const command = curlCommand(URL, {
      headers: {
        'x-hub-signature-256': 'sha256=abc',
        'stripe-signature': 't=1,v1=abc',
        'x-api-key': 'k',
        'x-shopify-access-token': 't',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: { a: '1' },
      rawBody: 'a=1',
    });
    const sent = words(command);
    expect(sent).toContain('x-hub-signature-256: <redacted>');
    expect(sent).toContain('stripe-signature: <redacted>');
    expect(sent).toContain('x-api-key: <redacted>');
    expect(sent).toContain('x-shopify-access-token: <redacted>');
    expect(command).not.toMatch(/sha256=abc|v1=abc/);
    expect(sent.slice(-2)).toEqual(['--data-raw', 'a=1']);
  });

  it('says the body is JSON or text when no content type was declared', () => {
    expect(words(curlCommand(URL, { body: { a: 1 } }))).toContain('content-type: application/json');
    expect(words(curlCommand(URL, { body: 'hello' }))).toContain('content-type: text/plain');
  });
});
