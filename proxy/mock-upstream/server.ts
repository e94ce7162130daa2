import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { behaviourFor, defaultBehaviour, type MockBehaviour } from './behaviour.ts';
import { chatCompletion, chatCompletionChunks, textCompletion, textCompletionChunks, type MockChatRequest } from './chat.ts';
import { response, responseEvents } from './responses.ts';

/**
 * A stand-in for an OpenAI-compatible API on a real port: what `npm start` answers with when no
 * upstream is configured, and what the tests and the bench talk to. It records the requests it
 * receives (headers and bodies) and reports connections that close before their answer ended.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface MockUpstream {
  /** Base URL including `/v1`, as UPSTREAM_BASE_URL takes it. */
  readonly baseUrl: string;
  readonly server: Server;
  /** The most recent requests, oldest first (bounded). */
  readonly requests: RecordedRequest[];
  /** 'request' (RecordedRequest) when a request arrives; 'aborted' ({ path }) when its client leaves mid-answer. */
  readonly events: EventEmitter;
  /** Server-wide behaviour; tests may change it between requests. */
  behaviour: MockBehaviour;
  close(): Promise<void>;
}

const MAX_RECORDED = 100;
const MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1', 'o4-mini', 'text-embedding-3-small'];
const EMBEDDING_DIMENSIONS = 8;

export async function createMockUpstream(
  options: Partial<MockBehaviour> & { host?: string; port?: number } = {},
): Promise<MockUpstream> {
  const { host = '127.0.0.1', port = 0, ...behaviour } = options;
  const events = new EventEmitter();
  const requests: RecordedRequest[] = [];
  const mock = {
    behaviour: { ...defaultBehaviour, ...behaviour },
    requests,
    events,
  };
  const server = createServer((req, res) => {
    void handle(req, res).catch(() => res.destroy());
  });
  server.keepAliveTimeout = 60_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const record: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body };
    requests.push(record);
    if (requests.length > MAX_RECORDED) requests.shift();
    events.emit('request', record);
    res.on('close', () => {
      if (!res.writableFinished) events.emit('aborted', { path });
    });

    const b = behaviourFor(req.headers, mock.behaviour);
    if (b.latencyMs > 0) await sleep(b.latencyMs);
    res.setHeader('x-request-id', `req_mock_${createHash('sha1').update(String(Math.random())).digest('hex').slice(0, 16)}`);
    res.setHeader('openai-processing-ms', String(b.latencyMs));
    res.setHeader('openai-version', '2020-10-01');
    res.setHeader('x-ratelimit-limit-requests', '10000');
    res.setHeader('x-ratelimit-remaining-requests', '9999');
    if (b.failStatus !== undefined) return sendError(res, b.failStatus);

    const json = parseJson(body);
    const route = `${record.method} ${path}`;
    if (route === 'GET /v1/models') return sendJson(res, 200, { object: 'list', data: MODELS.map(model) });
    if (record.method === 'GET' && path.startsWith('/v1/models/')) return sendJson(res, 200, model(decodeURIComponent(path.slice(11))));
    if (record.method === 'POST' && json === undefined && path !== '/v1/files' && path !== '/v1/audio/speech') {
      return sendError(res, 400, 'We could not parse the JSON body of your request.');
    }
    switch (route) {
      case 'POST /v1/chat/completions':
        return json?.stream === true
          ? streamData(res, chatCompletionChunks(json as MockChatRequest, b).map((data) => ({ data })), b)
          : sendJson(res, 200, chatCompletion(json as MockChatRequest, b));
      case 'POST /v1/completions':
        return json?.stream === true
          ? streamData(res, textCompletionChunks(json, b).map((data) => ({ data })), b)
          : sendJson(res, 200, textCompletion(json ?? {}, b));
      case 'POST /v1/responses':
        return json?.stream === true ? streamData(res, responseEvents(json, b), b) : sendJson(res, 200, response(json ?? {}, b));
      case 'POST /v1/embeddings':
        return sendJson(res, 200, embeddings(json ?? {}));
      case 'POST /v1/files':
        return sendJson(res, 200, {
          id: 'file-mock',
          object: 'file',
          bytes: body.length,
          sha256: createHash('sha256').update(body).digest('hex'),
          content_type: req.headers['content-type'] ?? null,
        });
      case 'POST /v1/audio/speech':
        return sendBinary(res, speech(b.reply));
      default:
        return sendError(res, 404, `Unknown request URL: ${record.method} ${path}.`);
    }
  }

  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return Object.assign(mock, {
    baseUrl: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/v1`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

function parseJson(body: Buffer): Record<string, any> | undefined {
  if (body.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendBinary(res: ServerResponse, bytes: Buffer): void {
  res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': bytes.length });
  res.end(bytes);
}

const ERROR_TYPES: Record<number, [type: string, code: string | null]> = {
  400: ['invalid_request_error', null],
  401: ['invalid_request_error', 'invalid_api_key'],
  403: ['invalid_request_error', 'unsupported_country_region_territory'],
  404: ['invalid_request_error', 'unknown_url'],
  429: ['requests', 'rate_limit_exceeded'],
};

function sendError(res: ServerResponse, status: number, message = `Mock upstream error ${status}.`): void {
  const [type, code] = ERROR_TYPES[status] ?? ['server_error', null];
  if (status === 429) res.setHeader('retry-after-ms', '10');
  sendJson(res, status, { error: { message, type, param: null, code } });
}

/** Streams SSE events piece by piece; `failAfterChunks` cuts the connection like a crashed upstream. */
async function streamData(res: ServerResponse, events: Array<{ event?: string; data: string }>, b: MockBehaviour): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.flushHeaders();
  for (const [i, e] of events.entries()) {
    if (res.destroyed) return;
    if (b.failAfterChunks !== undefined && i >= b.failAfterChunks) {
      res.socket?.destroy();
      return;
    }
    if (i > 0 && b.chunkDelayMs > 0) await sleep(b.chunkDelayMs);
    const text = `${e.event ? `event: ${e.event}\n` : ''}data: ${e.data}\n\n`;
    // Before a cut, wait until the events already written have left, so exactly N arrive.
    if (b.failAfterChunks !== undefined) await new Promise<void>((resolve) => res.write(text, () => resolve()));
    else res.write(text);
  }
  res.end();
}

function model(id: string) {
  return { id, object: 'model', created: 1_700_000_000, owned_by: 'bulwark-mock' };
}

/** Deterministic vectors; base64 when asked, as the official SDK asks by default. */
function embeddings(body: { model?: unknown; input?: unknown; encoding_format?: unknown }) {
  const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ''];
  const data = inputs.map((input, index) => {
    const digest = createHash('sha256').update(JSON.stringify(input)).digest();
    const vector = Float32Array.from({ length: EMBEDDING_DIMENSIONS }, (_, i) => (digest[i] ?? 0) / 255);
    const embedding = body.encoding_format === 'base64' ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce<number>((n, input) => n + JSON.stringify(input).split(/\s+/).length, 0);
  return { object: 'list', data, model: typeof body.model === 'string' ? body.model : 'mock-embedding', usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

/** A binary body that is not valid UTF-8, so a proxy that decodes it as text would corrupt it. */
function speech(seed: string): Buffer {
  const bytes = Buffer.alloc(64 * 1024);
  const digest = createHash('sha256').update(seed).digest();
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = (digest[i % digest.length]! + i) & 0xff;
  return bytes;
}
