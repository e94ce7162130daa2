import { createServer } from 'node:net';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { RequestRecord } from '../../../proxy/request-record.ts';
import { createTracing } from '../../../proxy/telemetry/tracing.ts';
import { CallAbort, createUpstreamClient } from '../../../proxy/upstream/upstream-client.ts';

/** A port nothing listens on: taken, then released. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

describe('the upstream call span', () => {
  it('names the failure, and keeps the base URL’s credentials and the query string out', async () => {
    const exporter = new InMemorySpanExporter();
    const trace = createTracing(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] })).begin('POST /v1/chat/completions', performance.now(), {}, {});
    const record: RequestRecord = { requestId: 'r', method: 'POST', route: '/v1/chat/completions', startedAt: 0, receivedAt: 0, clientIp: undefined, stream: false, findings: [], trace, traceId: trace.traceId };
    const port = await closedPort();
    const client = createUpstreamClient({ baseUrl: `http://bulwark:hunter2-secret@127.0.0.1:${port}/v1`, apiKey: undefined }, { connectMs: 1_000, responseMs: 1_000, idleMs: 1_000 });
    try {
      const headers: Record<string, string> = {};
      await expect(client.call('/chat/completions?api-version=2024-10-21', headers, '{}', new CallAbort(), record)).rejects.toMatchObject({ code: 'upstream_unreachable' });
      expect(headers.traceparent).toMatch(new RegExp(`^00-${trace.traceId}-`));
      expect(record.upstreamMs).toBeUndefined();
    } finally {
      await client.close();
    }
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe('POST /chat/completions');
    expect(span?.kind).toBe(SpanKind.CLIENT);
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    expect(span?.attributes).toMatchObject({ 'url.full': `http://127.0.0.1:${port}/v1/chat/completions`, 'server.port': port, 'error.type': 'upstream_unreachable' });
    expect(JSON.stringify(span?.attributes)).not.toContain('hunter2');
  });
});
