import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/** A server running in its own child process, so it does not share an event loop with the load generator. */
export interface ChildServer {
  readonly name: string;
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** User + system CPU time the process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
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
    cpuMicros() {
      return new Promise((resolve, reject) => {
        const onMessage = (m: { cpu?: NodeJS.CpuUsage }) => {
          if (!m?.cpu) return;
          child.off('message', onMessage);
          resolve(m.cpu.user + m.cpu.system);
        };
        child.on('message', onMessage);
        child.send('cpu', (err) => {
          if (err) reject(err);
        });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.send('stop', (err) => {
        if (err) child.kill('SIGKILL');
      });
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
    const onExit = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited (${signal ?? code})`);
    child.once('exit', onExit);
    child.once('message', (m: { ready?: string }) => {
      clearTimeout(timer);
      child.off('exit', onExit);
      if (typeof m?.ready === 'string') resolve(m.ready);
      else fail(`unexpected message ${JSON.stringify(m)}`);
    });
  });
}
