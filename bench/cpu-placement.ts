import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/**
 * Where the bench's processes run. In production Bulwark has CPUs of its own: it does not share
 * them with the upstream nor with the application calling it. On a small box, letting the load
 * generator, the mock upstream and the proxy compete for the same cores charges the proxy for
 * the CPU the other two lose, so "proxy vs direct" measures contention, not the proxy. With two
 * or more CPUs and `taskset`, the load generator and the mock upstream are pinned to CPU 0 and
 * every proxy to CPU 1: the direct side and the proxied side then give the client and the
 * upstream the same CPU, and the proxy's own cost shows as the latency and throughput it adds.
 * BENCH_PIN=0 turns this off (every process on every CPU).
 */
export interface CpuPlacement {
  /** How the report describes the placement. */
  readonly description: string;
  /** Pins a process (all its threads) to the CPU of its role; does nothing when placement is off. */
  pin(pid: number, role: 'load' | 'upstream' | 'proxy'): void;
}

const CPU_OF = { load: 0, upstream: 0, proxy: 1 } as const;

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function cpuPlacement(env: NodeJS.ProcessEnv = process.env): CpuPlacement {
  const why = env.BENCH_PIN === '0' ? 'BENCH_PIN=0' : availableParallelism() < 2 ? 'one CPU' : !hasTaskset() ? 'no taskset' : undefined;
  if (why) return { description: `Processes not pinned (${why}): the proxy shares CPUs with the load generator and the mock upstream.`, pin: () => undefined };
  return {
    description: 'Load generator and mock upstream pinned to CPU 0, every proxy to CPU 1 (BENCH_PIN=0: no pinning).',
    pin: (pid, role) => {
      execFileSync('taskset', ['-a', '-p', '-c', String(CPU_OF[role]), String(pid)], { stdio: 'ignore' });
    },
  };
}
