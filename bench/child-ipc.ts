/** What a bench server process answers on its IPC channel. */
export type ChildQuery = 'cpu' | 'memory';

export interface ChildAnswers {
  cpu: NodeJS.CpuUsage;
  memory: NodeJS.MemoryUsage;
}

/**
 * The child side of a bench server process: tell the parent where we listen, close cleanly on
 * 'stop', and never outlive the parent (a crashed bench must not leave servers behind).
 */
export function serveUntilStopped(url: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await close().catch(() => undefined);
    process.exit(code);
  };
  process.on('message', (m) => {
    if (m === 'stop') void stop(0);
    // CPU time lets the bench say what each process costs per request, independent of contention.
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() });
    // A full collection first (the parent forks with --expose-gc), so the figure is what is
    // still reachable — what open streams hold — not garbage that happens not to be collected yet.
    if (m === 'memory') {
      globalThis.gc?.();
      process.send?.({ memory: process.memoryUsage() });
    }
  });
  process.on('disconnect', () => void stop(0));
  if (!process.send) throw new Error('bench server processes must be started with an IPC channel (fork)');
  process.send({ ready: url });
}
