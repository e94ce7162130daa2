import { watch, type FSWatcher } from 'node:fs';
import type { Policy } from './compile-rules.ts';
import { loadPolicy } from './load-rules.ts';
import { prepareStreamRedactor } from './stream-redactor.ts';

/** Loads the catalogue and does the streaming analysis now, so the first stream after a (re)load does not pay it. */
function loadPrepared(dir: string, ownSecrets: readonly string[]): Policy {
  const policy = loadPolicy(dir, ownSecrets);
  prepareStreamRedactor(policy);
  return policy;
}

export type ReloadResult = { ok: true; version: string; rules: number } | { ok: false; error: string; version: string };

export interface PolicyStore {
  /** The policy in force; a request takes it once and keeps it to its end. */
  current(): Policy;
  /** Loads the folder again; an invalid catalogue leaves the previous one in force. */
  reload(): ReloadResult;
  close(): void;
}

/**
 * Holds the compiled catalogue and swaps it atomically on reload (file change, SIGHUP, or the
 * admin route). Throws at creation if the first load fails: Bulwark does not start without rules.
 */
export function createPolicyStore(
  dir: string,
  ownSecrets: readonly string[],
  onReload: (result: ReloadResult) => void,
  options: { watch: boolean } = { watch: true },
): PolicyStore {
  let policy = loadPrepared(dir, ownSecrets);
  const reload = (): ReloadResult => {
    let result: ReloadResult;
    try {
      policy = loadPrepared(dir, ownSecrets);
      result = { ok: true, version: policy.version, rules: policy.rules.length };
    } catch (err) {
      result = { ok: false, error: (err as Error).message, version: policy.version };
    }
    onReload(result);
    return result;
  };
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch) {
    // Editors write files in several steps: wait for the folder to settle before reloading.
    watcher = watch(dir, () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 150);
    });
    watcher.on('error', () => watcher?.close());
  }
  return {
    current: () => policy,
    reload,
    close: () => {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
