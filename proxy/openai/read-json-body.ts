import type { Context } from 'hono';
import type { z } from 'zod';
import { ProxyError } from '../errors.ts';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

export interface JsonBody<T> {
  /** The body exactly as received: forwarded as is unless a policy rewrites it. */
  readonly text: string;
  readonly value: T;
}

/**
 * Reads and lightly validates a JSON request body. Unknown fields are kept; only the fields
 * Bulwark itself relies on are checked. Error messages name the field, never its content.
 */
export async function readJsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<JsonBody<T>> {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) throw new ProxyError('unsupported_media_type');
  const text = await c.req.text();
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ProxyError('invalid_json');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ProxyError('invalid_request', { message: 'The request body must be a JSON object.' });
  }
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
