/**
 * compose.yaml, the Dockerfile and the files they use agree with each other and with the README:
 * mounted paths exist, ports and service names line up, the documented variables do what the
 * README says, the Prometheus config passes promtool, and the mock upstream's own program runs.
 * No Docker engine is needed: the files are read as compose and Docker read them.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { posix } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { settings } from '../../proxy/config/settings.ts';
import { DASHBOARD_FILE, loadDashboard } from '../helpers/dashboard.ts';
import { requireTool } from '../helpers/prometheus-tools.ts';

interface ComposeService {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  profiles?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const COMPOSE_TEXT = readFileSync('compose.yaml', 'utf8');
const SETTING_NAMES = new Set(Object.values(settings).map((s) => s.env));

/** Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alternative}`, `${VAR+alternative}`, nested. */
function interpolate(value: string, env: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < value.length; ) {
    if (value.startsWith('$$', i)) {
      out += '$';
      i += 2;
    } else if (value.startsWith('${', i)) {
      let depth = 0;
      let end = i;
      for (; end < value.length; end++) {
        if (value.startsWith('${', end)) {
          depth++;
          end++;
        } else if (value[end] === '}' && --depth === 0) break;
      }
      const expression = /^([A-Za-z_]\w*)(?:(:?[-+])([\s\S]*))?$/.exec(value.slice(i + 2, end));
      if (!expression) throw new Error(`compose.yaml: an interpolation this test does not read: ${value}`);
      const [, name = '', op, arg = ''] = expression;
      const v = env[name];
      const present = op?.startsWith(':') ? Boolean(v) : v !== undefined;
      if (op === undefined) out += v ?? '';
      else if (op.endsWith('-')) out += present ? v : interpolate(arg, env);
      else out += present ? interpolate(arg, env) : '';
      i = end + 1;
    } else {
      out += value[i++];
    }
  }
  return out;
}

/** compose.yaml as `docker compose` would run it with `env` as the shell's environment. */
function composeWith(env: Record<string, string> = {}): ComposeFile {
  const resolve = (node: unknown): unknown =>
    typeof node === 'string'
      ? interpolate(node, env)
      : Array.isArray(node)
        ? node.map(resolve)
        : node !== null && typeof node === 'object'
          ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, resolve(v)]))
          : node;
  return resolve(parse(COMPOSE_TEXT, { merge: true })) as ComposeFile;
}

function service(compose: ComposeFile, name: string): ComposeService {
  const found = compose.services[name];
  if (!found) throw new Error(`compose.yaml has no service ${name}`);
  return found;
}

/** host:port of a `http://host:port/...` URL. */
function hostPort(url: string): string {
  return new URL(url).host;
}

/** The port a healthcheck's URL asks. */
function healthcheckPort(s: ComposeService): string | undefined {
  return /http:\/\/127\.0\.0\.1:(\d+)\//.exec(s.healthcheck?.test.join(' ') ?? '')?.[1];
}

/** `dist/<path>.js` run by the image comes from `<path>.ts`, compiled by `npm run build`. */
function expectBuiltFromSource(distFile: string): void {
  const source = distFile.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  expect(existsSync(source), `${distFile} is compiled from ${source}`).toBe(true);
  const built = (JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] }).include;
  expect(built, `tsconfig.build.json compiles ${source}`).toContain(source.split('/')[0]);
}

/** The files a COPY source names: itself, or what its `*` matches in its folder. */
function matchingFiles(source: string): string[] {
  if (!source.includes('*')) return existsSync(source) ? [source] : [];
  const escaped = posix.basename(source).split('*').map((part) => part.replace(/[.+?^$(){}|[\]\\]/g, '\\$&'));
  const name = new RegExp(`^${escaped.join('[^/]*')}$`);
  return readdirSync(posix.dirname(source)).filter((f) => name.test(f));
}

/** `VAR=value ... docker compose ...` commands of the README. */
function readmeComposeCommands(): Array<Record<string, string>> {
  const readme = readFileSync('README.md', 'utf8');
  return [...readme.matchAll(/^((?:[A-Z_]+=\S+ )+)docker compose\b/gm)].map((m) =>
    Object.fromEntries(m[1]!.trim().split(/\s+/).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)])),
  );
}

describe('compose.yaml', () => {
  const compose = composeWith();
  const bulwark = service(compose, 'bulwark');
  const env = bulwark.environment ?? {};

  it('mounts only paths that exist in the repository, and named volumes it declares', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const volume of s.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.') || source.startsWith('/')) expect(existsSync(source), `${name} mounts ${source}`).toBe(true);
        else expect(Object.keys(compose.volumes ?? {}), `${name} uses volume ${source}`).toContain(source);
      }
    }
  });

  it('sets only Bulwark settings on the proxy, besides the OpenTelemetry SDK’s own OTEL_ variables', () => {
    const unknown = Object.keys(env).filter((name) => !SETTING_NAMES.has(name) && !name.startsWith('OTEL_'));
    expect(unknown).toEqual([]);
  });

  it('publishes the proxy’s PORT and METRICS_PORT, on 127.0.0.1 only, and checks its health on PORT', () => {
    expect(bulwark.ports?.map((p) => p.split(':').at(-1)).sort()).toEqual([env.PORT, env.METRICS_PORT].sort());
    expect(healthcheckPort(bulwark)).toBe(env.PORT);
    for (const [name, s] of Object.entries(compose.services)) {
      for (const port of s.ports ?? []) expect(port, `${name} publishes on loopback`).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('without variables, sends the proxy to the mock-upstream service at its PORT, with no upstream key', () => {
    const mock = service(compose, 'mock-upstream');
    expect(hostPort(env.UPSTREAM_BASE_URL!)).toBe(`mock-upstream:${mock.environment?.PORT}`);
    expect(healthcheckPort(mock)).toBe(mock.environment?.PORT);
    expect(env.UPSTREAM_API_KEY).toBe('');
    expect(mock.command?.slice(0, 1)).toEqual(['node']);
    expectBuiltFromSource(mock.command![1]!);
  });

  it('passes OPENAI_API_KEY upstream only to an upstream named by UPSTREAM_BASE_URL, never to the mock', () => {
    const keyOnly = service(composeWith({ OPENAI_API_KEY: 'sk-test' }), 'bulwark').environment!;
    expect(keyOnly.UPSTREAM_API_KEY).toBe('');
    expect(hostPort(keyOnly.UPSTREAM_BASE_URL!)).toMatch(/^mock-upstream:/);
    const real = service(composeWith({ OPENAI_API_KEY: 'sk-test', UPSTREAM_BASE_URL: 'https://api.openai.com/v1' }), 'bulwark').environment!;
    expect(real).toMatchObject({ UPSTREAM_API_KEY: 'sk-test', UPSTREAM_BASE_URL: 'https://api.openai.com/v1' });
  });

  it('runs the README’s commands as the README says: a real upstream, and the postgres profile’s database', () => {
    const commands = readmeComposeCommands();
    const real = commands.find((c) => c.OPENAI_API_KEY !== undefined);
    expect(real, 'README shows a compose command with OPENAI_API_KEY').toBeDefined();
    const realEnv = service(composeWith(real), 'bulwark').environment!;
    expect(realEnv.UPSTREAM_API_KEY).toBe(real!.OPENAI_API_KEY);
    expect(realEnv.UPSTREAM_BASE_URL).toBe(real!.UPSTREAM_BASE_URL);

    const pg = commands.find((c) => c.DATABASE_URL?.startsWith('postgres://'));
    expect(pg, 'README shows a compose command with a postgres:// DATABASE_URL').toBeDefined();
    const withPg = composeWith(pg);
    const url = new URL(service(withPg, 'bulwark').environment!.DATABASE_URL!);
    const postgres = service(withPg, url.hostname);
    expect(postgres.profiles).toEqual(['postgres']);
    expect(postgres.environment).toMatchObject({ POSTGRES_USER: url.username, POSTGRES_PASSWORD: url.password, POSTGRES_DB: url.pathname.slice(1) });
    expect(url.port).toBe('5432');
    // Without the profile there is no postgres service to wait for.
    expect(bulwark.depends_on?.postgres).toEqual({ condition: 'service_healthy', required: false });
  });

  it('waits only on services it defines, and for health only where there is a healthcheck', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [dependency, { condition }] of Object.entries(s.depends_on ?? {})) {
        const target = service(compose, dependency);
        if (condition === 'service_healthy') expect(target.healthcheck, `${name} waits for ${dependency}'s health`).toBeDefined();
      }
    }
  });

  it('has Prometheus scrape the bulwark service at its METRICS_PORT, from the config file it mounts', () => {
    const prometheus = service(compose, 'prometheus');
    const configPath = prometheus.command?.find((a) => a.startsWith('--config.file='))?.split('=')[1];
    const mount = prometheus.volumes?.find((v) => v.split(':')[1] === configPath);
    expect(mount, `a host file mounted at ${configPath}`).toBeDefined();
    const config = parse(readFileSync(mount!.split(':')[0]!, 'utf8')) as { scrape_configs: Array<{ job_name: string; static_configs: Array<{ targets: string[] }> }> };
    const job = config.scrape_configs.find((j) => j.job_name === 'bulwark');
    expect(job?.static_configs.flatMap((s) => s.targets)).toEqual([`bulwark:${env.METRICS_PORT}`]);
  });

  it('provisions Grafana with the Prometheus service and the dashboard folder it mounts, under one datasource uid', () => {
    const grafana = service(compose, 'grafana');
    const mountOf = (host: string) => grafana.volumes?.find((v) => v.split(':')[0] === host)?.split(':')[1];
    const datasourcesDir = mountOf('./grafana/provisioning/datasources');
    const dashboardsDir = mountOf('./grafana/provisioning/dashboards');
    expect([datasourcesDir, dashboardsDir]).toEqual(['/etc/grafana/provisioning/datasources', '/etc/grafana/provisioning/dashboards']);

    const readAll = <T>(dir: string) => readdirSync(dir).map((f) => parse(readFileSync(`${dir}/${f}`, 'utf8')) as T);
    const datasources = readAll<{ datasources: Array<{ uid: string; type: string; url: string }> }>('grafana/provisioning/datasources').flatMap((f) => f.datasources);
    expect(datasources).toHaveLength(1);
    const [datasource] = datasources;
    expect(datasource?.type).toBe('prometheus');
    expect(hostPort(datasource!.url)).toBe(`prometheus:${service(compose, 'prometheus').ports?.[0]?.split(':').at(-1)}`);

    const providers = readAll<{ providers: Array<{ options: { path: string } }> }>('grafana/provisioning/dashboards').flatMap((f) => f.providers);
    const mountedDashboards = mountOf(`./${posix.dirname(DASHBOARD_FILE)}`);
    expect(providers.map((p) => p.options.path)).toEqual([mountedDashboards]);
    expect(grafana.environment?.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH).toBe(`${mountedDashboards}/${posix.basename(DASHBOARD_FILE)}`);

    const dashboard = loadDashboard();
    const panels = dashboard.panels.filter((p) => p.type !== 'row');
    const uids = new Set(panels.flatMap((p) => [p.datasource, ...(p.targets ?? []).map((t) => t.datasource)]).map((d) => d?.uid));
    expect([...uids]).toEqual([datasource!.uid]);
  });

  it('sends traces to the collector service on a port its config listens on', () => {
    const endpoint = new URL(env.OTEL_EXPORTER_OTLP_ENDPOINT!);
    expect(endpoint.hostname).toBe('otel-collector');
    const collector = service(compose, 'otel-collector');
    const configPath = collector.command?.find((a) => a.startsWith('--config='))?.split('=')[1];
    const mount = collector.volumes?.find((v) => v.split(':')[1] === configPath);
    const config = parse(readFileSync(mount!.split(':')[0]!, 'utf8')) as { receivers: { otlp: { protocols: { http: { endpoint: string } } } } };
    expect(config.receivers.otlp.protocols.http.endpoint).toBe(`0.0.0.0:${endpoint.port}`);
  });
});

describe('deploy/prometheus/prometheus.yml', () => {
  it('passes promtool check config', async (ctx) => {
    const promtool = requireTool(ctx, 'promtool');
    const { stdout } = await promisify(execFile)(promtool, ['check', 'config', 'deploy/prometheus/prometheus.yml']);
    expect(stdout).toContain('SUCCESS');
  });
});

describe('the mock upstream as its own process (the mock-upstream service)', () => {
  it('answers on the HOST and PORT it is given, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/mock-upstream/main.ts'], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    const [line] = (await Promise.race([
      once(createInterface({ input: child.stdout! }), 'line'),
      exited.then(([code]) => Promise.reject(new Error(`the mock exited with code ${code} before listening`))),
    ])) as [string];
    const { url } = JSON.parse(line) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await fetch(`${url}/models`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { object: string }).object).toBe('list');
    child.kill('SIGTERM');
    expect(await exited).toEqual([0, null]);
  });
});

describe('Dockerfile', () => {
  const instructions = readFileSync('Dockerfile', 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => ({ op: l.split(/\s+/)[0]!.toUpperCase(), args: l.replace(/^\S+\s*/, '') }));
  const lastFrom = instructions.findLastIndex((i) => i.op === 'FROM');
  const runtime = instructions.slice(lastFrom);
  const args = (op: string) => runtime.filter((i) => i.op === op).map((i) => i.args);
  const runtimeEnv = Object.fromEntries(args('ENV').flatMap((a) => a.split(/\s+/)).map((kv) => kv.split('=') as [string, string]));
  const workdir = args('WORKDIR').at(-1)!;

  it('copies from the context only files that exist and that .dockerignore lets through', () => {
    const allowed = new Set(readFileSync('.dockerignore', 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1)));
    const copied = instructions.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from')).flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(copied.length).toBeGreaterThan(0);
    for (const source of copied) {
      expect(allowed, `.dockerignore lets ${source} through`).toContain(source);
      expect(matchingFiles(source).length, `${source} exists`).toBeGreaterThan(0);
    }
  });

  it('runs the compiled proxy as a numeric non-root user, listening on every interface', () => {
    const cmd = JSON.parse(args('CMD').at(-1)!) as string[];
    expect(cmd[0]).toBe('node');
    expect(cmd[1]).toBe('dist/proxy/main.js');
    expectBuiltFromSource(cmd[1]!);
    expect(args('USER').at(-1)).toMatch(/^[1-9]\d*:[1-9]\d*$/);
    expect(runtimeEnv.HOST).toBe('0.0.0.0');
    expect(args('EXPOSE').flatMap((a) => a.split(/\s+/)).sort()).toEqual([runtimeEnv.PORT, runtimeEnv.METRICS_PORT].sort());
  });

  it('sets only Bulwark settings (and NODE_ENV), reads the rules it copies, and writes only to its volume', () => {
    expect(Object.keys(runtimeEnv).filter((name) => !SETTING_NAMES.has(name) && name !== 'NODE_ENV')).toEqual([]);
    const rulesCopy = args('COPY').find((a) => a.startsWith('rules/'))!.split(/\s+/).at(-1)!;
    expect(posix.join(workdir, rulesCopy)).toBe(`${runtimeEnv.RULES_DIR}/`);
    const volumes = JSON.parse(args('VOLUME').at(-1)!) as string[];
    expect(volumes).toContain(posix.dirname(runtimeEnv.DATABASE_URL!));
  });

  it('checks its health with Node itself (the image has no curl) on its PORT', () => {
    const check = args('HEALTHCHECK').at(-1)!;
    expect(check).toContain('/healthz');
    expect(check).toContain('process.env.PORT');
    expect(check).not.toMatch(/curl|wget/);
  });
});
