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
  });
  process.on('disconnect', () => void stop(0));
  if (!process.send) throw new Error('bench server processes must be started with an IPC channel (fork)');
  process.send({ ready: url });
}
