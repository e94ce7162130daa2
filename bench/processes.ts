import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { ChildAnswers, ChildQuery } from './child-ipc.ts';

/** A server running in its own child process, so it does not share an event loop with the load generator. */
export interface ChildServer {
  readonly name: string;
  /** Origin, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly pid: number;
  /** User + system CPU time the process has used so far, in microseconds. */
  cpuMicros(): Promise<number>;
  /** The process's memory right after a full garbage collection. */
  memory(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export async function startChildServer(name: string, entry: string, args: readonly string[] = []): Promise<ChildServer> {
  const child = fork(entry, [...args], {
    // --expose-gc: a memory sample collects garbage first (see child-ipc.ts). BENCH_CPU_PROF=<dir>
    // writes each server process's CPU profiles (one per thread) in a folder named for it.
    execArgv: [...(entry.endsWith('.ts') ? ['--import', 'tsx'] : []), '--expose-gc', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, name.replace(/[^\w-]+/g, '_'))}`] : [])],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await waitForReady(name, child);
  const ask = <Q extends ChildQuery>(query: Q): Promise<ChildAnswers[Q]> =>
    new Promise((resolve, reject) => {
      const onMessage = (m: Partial<ChildAnswers>) => {
        const answer = m?.[query];
        if (answer === undefined) return;
        child.off('message', onMessage);
        resolve(answer as ChildAnswers[Q]);
      };
      child.on('message', onMessage);
      child.send(query, (err) => {
        if (err) {
          child.off('message', onMessage);
          reject(err);
        }
      });
    });
  return {
    name,
    url,
    pid: child.pid!,
    cpuMicros: async () => {
      const { user, system } = await ask('cpu');
      return user + system;
    },
    memory: () => ask('memory'),
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
