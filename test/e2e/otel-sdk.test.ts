import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The OpenTelemetry SDK as `npm start` runs it: configured by the standard OTEL_* variables only,
 * exporting OTLP (JSON over HTTP) to a stand-in collector, flushed on SIGTERM; and left off when
 * no exporter is named.
 */
interface OtlpSpan {
  name: string;
  traceId: string;
  kind: number;
  attributes: Array<{ key: string; value: Record<string, unknown> }>;
}
interface OtlpExport {
  resourceSpans: Array<{ resource: { attributes: Array<{ key: string; value: { stringValue?: string } }> }; scopeSpans: Array<{ spans: OtlpSpan[] }> }>;
}

let collector: Server;
const exports: OtlpExport[] = [];
let endpoint = '';

beforeAll(async () => {
  collector = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      if (req.url === '/v1/traces') exports.push(JSON.parse(Buffer.concat(parts).toString()) as OtlpExport);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  collector.listen(0, '127.0.0.1');
  await once(collector, 'listening');
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

/** Starts `npm start`'s command with this environment; resolves with the child and its "listening" line. */
async function startMain(env: Record<string, string>): Promise<{ child: ChildProcess; listening: Record<string, unknown>; logs: Array<Record<string, unknown>> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'proxy/main.ts'], {
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? '', PORT: '0', METRICS_PORT: '0', DATABASE_URL: ':memory:', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Array<Record<string, unknown>> = [];
  const lines = createInterface({ input: child.stdout! });
  const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`main.ts exited with ${code}`)));
    lines.on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (String(entry.msg).startsWith('Bulwark listening')) resolve(entry);
    });
  });
  return { child, listening, logs };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const [code] = (await exited) as [number | null];
  return code;
}

describe('OpenTelemetry SDK in main.ts', () => {
  it('exports the request spans to the OTLP endpoint of OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, as service bulwark', { timeout: 30_000 }, async () => {
    const { child, listening, logs } = await startMain({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${endpoint}/v1/traces`, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json' });
    try {
      expect(listening.tracing).toBe(true);
      const url = String(listening.url);
      const { access_token } = (await (await fetch(`${url}/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"user_id":"alice","role":"agent"}' })).json()) as { access_token: string };
      const res = await fetch(`${url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] }),
      });
      expect(res.status).toBe(200);
      await res.text();
      const requestId = res.headers.get('x-bulwark-request-id');
      expect(await stop(child)).toBe(0);

      const traceId = logs.find((l) => l.msg === 'request' && l.request_id === requestId)?.trace_id;
      expect(traceId).toMatch(/^[\da-f]{32}$/);
      const resources = exports.flatMap((e) => e.resourceSpans);
      const service = resources[0]?.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
      expect(service).toBe('bulwark');
      const spans = resources.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)).filter((s) => s.traceId === traceId);
      expect(spans.map((s) => s.name).sort()).toEqual(['POST /chat/completions', 'POST /v1/chat/completions', 'bulwark.auth', 'bulwark.input_scan', 'bulwark.output_redaction']);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('stays off when OTEL_TRACES_EXPORTER is none, even with an endpoint set', { timeout: 30_000 }, async () => {
    const before = exports.length;
    const { child, listening } = await startMain({ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: endpoint });
    try {
      expect(listening.tracing).toBe(false);
      await (await fetch(`${String(listening.url)}/healthz`)).text();
      expect(await stop(child)).toBe(0);
      expect(exports.length).toBe(before);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
