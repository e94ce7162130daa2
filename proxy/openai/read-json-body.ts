import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { ProxyError } from '../errors.ts';
import { requestHeader } from '../request-headers.ts';
import { refuseAmbiguousKeys } from './ambiguous-keys.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export interface JsonBody<T> {
  /** The body exactly as received: forwarded as is unless a policy rewrites it. */
  readonly text: string;
  readonly value: T;
}

const tooLarge = (maxBytes: number) => new ProxyError('body_too_large', { message: `The request body exceeds the limit of ${maxBytes} bytes.` });

/**
 * Reads the socket directly with a byte cap: a declared length over the cap is refused before
 * reading, a chunked body as soon as it passes it (the rest is discarded, not buffered). Reading
 * the Node request itself also keeps @hono/node-server off its web-stream path.
 */
function readCapped(incoming: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      cleanup();
      incoming.resume();
      reject(tooLarge(maxBytes));
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

async function readText(c: Context<AppEnv>, maxBytes: number): Promise<string> {
  if (Number(requestHeader(c, 'content-length') ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const incoming = c.env?.incoming;
  if (incoming) return readCapped(incoming, maxBytes);
  const text = await c.req.text();
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  return text;
}

/**
 * Reads and lightly validates a JSON request body. Unknown fields are kept; only the fields
 * Bulwark itself relies on are checked. Error messages name the field, never its content.
 */
export async function readJsonBody<T>(c: Context<AppEnv>, schema: z.ZodType<T>, maxBytes: number): Promise<JsonBody<T>> {
  if (!JSON_TYPE.test(requestHeader(c, 'content-type') ?? '')) throw new ProxyError('unsupported_media_type');
  const text = await readText(c, maxBytes);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProxyError('invalid_json');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ProxyError('invalid_request', { message: 'The request body must be a JSON object.' });
  }
  refuseAmbiguousKeys(raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.join('.') || undefined;
    throw new ProxyError('invalid_request', {
      message: param ? `Invalid '${param}': ${issue?.message ?? 'invalid value'}.` : 'The request body is invalid.',
      ...(param ? { param } : {}),
    });
  }
  return { text, value: parsed.data };
}
