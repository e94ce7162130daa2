import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';

const FROM_SOURCE = ['--import', 'tsx', 'proxy/main.ts'];

/** Starts the proxy exactly as `npm start` does (or from a build), with a controlled environment. */
function startMain(env: Record<string, string>, args: string[] = FROM_SOURCE): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function collect(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('main.ts', () => {
  it.each([
    [{ PORT: 'abc' }, 'bulwark: config error: PORT must be an integer (got "abc")'],
    [{ UPSTREAM_BASE_URL: 'not a url' }, 'bulwark: config error: UPSTREAM_BASE_URL must be an http:// or https:// URL (got "not a url")'],
    [{ LOG_LEVEL: 'chatty' }, 'bulwark: config error: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "chatty")'],
  ])('exits 2 with one line and no stack trace for %o', async (env, line) => {
    const { code, stdout, stderr } = await collect(startMain(env));
    expect(code).toBe(2);
    expect(stderr).toBe(`${line}\n`);
    expect(stdout).toBe('');
  });

  // The build goes under node_modules/ so that the compiled files resolve the same packages. A tsc
  // build takes seconds on a busy 2-core machine: this test gets a longer timeout.
  const BUILD_DIR = 'node_modules/.cache/bulwark-build-test';
  it.each([
    ['npm start (tsx)', () => FROM_SOURCE],
    [
      'npm run build, then node dist/proxy/main.js',
      () => {
        execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', BUILD_DIR]);
        return [`${BUILD_DIR}/proxy/main.js`];
      },
    ],
  ])('%s starts on defaults in mock mode, answers, and drains on SIGTERM', async (_name, argsOf) => {
    const child = startMain({ PORT: '0', METRICS_PORT: '0', DATABASE_URL: ':memory:' }, argsOf());
    const lines = createInterface({ input: child.stdout! });
    const logs: Array<Record<string, unknown>> = [];
    let url = '';
    for await (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (typeof entry.url === 'string' && entry.msg?.toString().startsWith('Bulwark listening')) {
        url = entry.url;
        break;
      }
    }
    expect(logs.some((l) => String(l.msg).startsWith('MOCK UPSTREAM'))).toBe(true);
    // The README quick start: a development token from POST /token, then a chat completion with it.
    const token = await fetch(`${url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_id: 'alice', role: 'agent' }),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { object: string }).object).toBe('chat.completion');
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 90_000);
});
