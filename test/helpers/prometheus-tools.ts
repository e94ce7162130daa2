import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { TestContext } from 'vitest';

export type PrometheusTool = 'prometheus' | 'promtool';

/** A Prometheus binary on PATH, else in /usr/bin where Debian's `prometheus` package puts both. */
function findTool(name: PrometheusTool): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), '/usr/bin'];
  for (const dir of dirs) {
    const path = join(dir, name);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // Not in this folder: try the next.
    }
  }
  return undefined;
}

/**
 * The tool's path. Without it the test fails in CI (where .ci/run installs it), and is skipped
 * with the reason elsewhere, so `npm test` on a fresh laptop still passes.
 */
export function requireTool(ctx: TestContext, name: PrometheusTool): string {
  const path = findTool(name);
  if (path) return path;
  const reason = `${name} is not on PATH nor in /usr/bin: install Debian's prometheus package (apt-get install prometheus), as .ci/run does`;
  if (process.env.CI) throw new Error(reason);
  // The default reporter counts skips without their notes: say why where a person will see it.
  console.warn(`skipped "${ctx.task.name}": ${reason}`);
  return ctx.skip(reason);
}
