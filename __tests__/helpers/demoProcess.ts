import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export { freePort } from '../../scripts/lib/processes';

const START_SCRIPT = path.resolve(__dirname, '../../scripts/start.js');

export interface DemoProcess {
  baseUrl: string;
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Kills the process at once (SIGKILL), as a crash or an out-of-memory kill would. */
  kill(): Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve(child.exitCode);
  }
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Runs `npm start`'s script in a child process and waits until it says it is ready. */
export async function startDemoProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<DemoProcess> {
  const port = Number(env.APP_PORT);
  const child = spawn(process.execPath, [START_SCRIPT], {
    env: { ...process.env, LOGGER_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`demo app did not become ready in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      if (output.includes('[hookflow:start] ready on')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`demo app exited with ${code} before it was ready:\n${output}`));
    });
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      return waitForExit(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await waitForExit(child);
    },
  };
}
