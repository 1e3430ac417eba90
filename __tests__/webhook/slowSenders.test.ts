import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { useTestApp } from '../helpers/testApp';
import { countExecutions, createEnabledWorkflow } from '../helpers/workflows';

const previous = process.env.HOOKFLOW_WEBHOOK_BODY_TIMEOUT_SECONDS;
process.env.HOOKFLOW_WEBHOOK_BODY_TIMEOUT_SECONDS = '1';
afterAll(() => {
  if (previous === undefined) {
    delete process.env.HOOKFLOW_WEBHOOK_BODY_TIMEOUT_SECONDS;
  } else {
    process.env.HOOKFLOW_WEBHOOK_BODY_TIMEOUT_SECONDS = previous;
  }
});

const testApp = useTestApp();

/** Sends the headers and the first bytes of a body that never completes; resolves with what came back. */
function trickle(port: number, path: string): Promise<{ answer: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"a":`,
      );
    });
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('utf8');
    });
    socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
    socket.on('error', reject);
    socket.setTimeout(15_000, () => socket.destroy(new Error('the server never cut the slow sender off')));
  });
}

describe('a sender that trickles its body in is cut off by the body timeout', () => {
  it('answers 408 with a JSON error, closes the connection and runs nothing', async () => {
    const workflow = await createEnabledWorkflow(testApp(), { type: 'webhook', config: {} });
    const server = http.createServer(testApp().app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { answer, closedAfterMs } = await trickle(port, `/api/webhook:trigger/${workflow.key}`);
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(answer).toContain('{"errors":[{"message":"The request body did not arrive in time."}]}');
      expect(closedAfterMs).toBeLessThan(10_000);
      expect(await countExecutions(testApp(), workflow.id)).toBe(0);
      expect(
        await testApp()
          .app.db.getRepository('webhookInbox')
          .count({ filter: { workflowId: workflow.id } }),
      ).toBe(0);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
