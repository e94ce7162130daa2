import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** A server running in its own child process, so it does not share an event loop with the load generator. */
export interface ChildServer {
  readonly name: string;
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export async function startChildServer(name: string, entry: string, args: readonly string[] = []): Promise<ChildServer> {
  const child = fork(entry, [...args], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await waitForReady(name, child);
  return {
    name,
    url,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitForReady(name: string, child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start: ${why}`));
    };
    const timer = setTimeout(() => fail(`no ready message within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    child.once('exit', (code, signal) => fail(`exited (${signal ?? code})`));
    child.once('message', (m: { ready?: string }) => {
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (typeof m?.ready === 'string') resolve(m.ready);
      else fail(`unexpected message ${JSON.stringify(m)}`);
    });
  });
}
