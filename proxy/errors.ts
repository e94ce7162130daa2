import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * Every error Bulwark answers with itself, in one catalogue. Bodies use OpenAI's shape
 * (`{"error":{"message","type","param","code"}}`) so the official SDKs raise their own error
 * classes. Upstream errors are passed through untouched and never go through here.
 */
export const errorCatalogue = {
  invalid_json: { status: 400, type: 'invalid_request_error', message: 'The request body is not valid JSON.' },
  invalid_request: { status: 400, type: 'invalid_request_error', message: 'The request body is invalid.' },
  unsupported_media_type: {
    status: 415,
    type: 'invalid_request_error',
    message: "Unsupported content type: send 'Content-Type: application/json'.",
  },
  body_too_large: { status: 413, type: 'invalid_request_error', message: 'The request body is too large.' },
  missing_token: {
    status: 401,
    type: 'authentication_error',
    message: "Missing bearer token: send 'Authorization: Bearer <token>' with a Bulwark JWT or API key.",
  },
  invalid_token: { status: 401, type: 'authentication_error', message: 'The bearer token is invalid.' },
  token_expired: { status: 401, type: 'authentication_error', message: 'The bearer token has expired.' },
  unknown_role: { status: 403, type: 'permission_error', message: 'The token names a role this proxy does not know.' },
  permission_denied: { status: 403, type: 'permission_error', message: 'The role of this token lacks the permission this route needs.' },
  model_not_allowed: { status: 403, type: 'permission_error', message: 'The role of this token may not use this model.' },
  max_tokens_exceeded: { status: 403, type: 'permission_error', message: "The request asks for more tokens than this role's ceiling." },
  content_filter: {
    status: 400,
    type: 'invalid_request_error',
    message: "The request was blocked by Bulwark's content policy.",
  },
  not_found: { status: 404, type: 'invalid_request_error', message: 'Unknown route.' },
  method_not_allowed: { status: 405, type: 'invalid_request_error', message: 'Bulwark does not serve HEAD requests: send GET.' },
  upstream_unreachable: { status: 502, type: 'api_error', message: 'The upstream API could not be reached.' },
  upstream_timeout: { status: 504, type: 'api_error', message: 'The upstream API did not answer in time.' },
  upstream_stream_failed: { status: 502, type: 'api_error', message: 'The upstream stream failed before it completed.' },
  audit_unavailable: {
    status: 503,
    type: 'api_error',
    message: 'The audit store is unavailable, and Bulwark does not serve unaudited traffic (AUDIT_FAIL_MODE=closed).',
  },
  service_unavailable: { status: 503, type: 'api_error', message: 'Bulwark is not ready to serve requests.' },
  internal_error: { status: 500, type: 'api_error', message: 'Bulwark hit an internal error.' },
} as const satisfies Record<string, { status: ContentfulStatusCode; type: string; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
}

/** An error that knows how to become an OpenAI-shaped response (cf. Hono's HTTPException). */
export class ProxyError extends Error {
  override name = 'ProxyError';
  readonly code: ErrorCode;
  readonly param: string | null;
  /** Machine-readable fields added to the error object (e.g. `rule_ids` of a policy block). */
  readonly extra: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, options: { message?: string; param?: string; cause?: unknown; extra?: Record<string, unknown> } = {}) {
    super(options.message ?? errorCatalogue[code].message, { cause: options.cause });
    this.code = code;
    this.param = options.param ?? null;
    this.extra = options.extra;
  }

  get status(): ContentfulStatusCode {
    return errorCatalogue[this.code].status;
  }

  toBody(): OpenAIErrorBody {
    const body = errorBody(this.code, this.message, this.param);
    return this.extra ? { error: { ...body.error, ...this.extra } } : body;
  }
}

export function errorBody(code: ErrorCode, message: string = errorCatalogue[code].message, param: string | null = null): OpenAIErrorBody {
  return { error: { message, type: errorCatalogue[code].type, param, code } };
}
