import type { Finding } from './policy/verdict.ts';
import type { RequestTrace } from './telemetry/tracing.ts';

/**
 * What Bulwark knows about one request while it is served: filled in by the middleware, the
 * route and the stream relay, then read once when the response is over (log line, metrics,
 * audit row, span). It holds sizes, statuses and ids — never prompt or completion text.
 */
export type Outcome =
  | 'allowed'
  | 'redacted'
  | 'blocked'
  | 'denied'
  | 'invalid'
  | 'upstream_error'
  | 'client_aborted'
  | 'incomplete'
  | 'error';

export interface RequestRecord {
  readonly requestId: string;
  readonly method: string;
  readonly route: string;
  readonly startedAt: number;
  /** Wall-clock arrival time (ms since the epoch), for stores and logs. */
  readonly receivedAt: number;
  /** The peer address of the connection (no X-Forwarded-For trust by default). */
  readonly clientIp: string | undefined;
  /** W3C trace id: Bulwark's server span's when tracing is on, else the caller's `traceparent`'s, if any. */
  readonly traceId?: string;
  /** The request's server span, when tracing is on: route, policy and upstream add their child spans. */
  readonly trace?: RequestTrace;
  /** JWT subject or `key:<id>`; absent until authenticated. */
  principal?: string;
  role?: string;
  keyId?: string | null;
  /** The error code of a failed authentication or authorisation (`invalid_token`, `permission_denied`, ...). */
  denial?: string;
  model?: string;
  stream: boolean;
  upstreamStatus?: number;
  /** Set by whoever knows best (route, stream relay); else derived from the status at the end. */
  outcome?: Outcome;
  requestBytes?: number;
  /** Policy findings of this request, both directions: rule ids, positions, dispositions. */
  findings: Finding[];
  /** Version hash of the rule catalogue the request was judged by. */
  policyVersion?: string;
  /** Milliseconds the upstream took to send its response headers, from the moment Bulwark called it. */
  upstreamMs?: number;
  /** Milliseconds from arrival to the first byte of the answer's body sent to the client. */
  firstByteMs?: number;
  /** Token usage reported by the upstream (non-streamed body, or the include_usage chunk). */
  usage?: { input: number; output: number };
  /** The model the upstream says answered (`model` of the body or of the chunks). */
  responseModel?: string;
  /** Size of the answer body Bulwark sent, in bytes (streams: the sum of the events). */
  responseBytes?: number;
}

/**
 * What an answer says about itself: token usage from its OpenAI `usage` object (a non-streamed
 * body, or the include_usage chunk) and the model that answered (the first one named).
 */
export function recordUsage(record: RequestRecord, body: unknown): void {
  const model = (body as { model?: unknown } | null)?.model;
  if (record.responseModel === undefined && typeof model === 'string') record.responseModel = model;
  const usage = (body as { usage?: unknown } | null)?.usage;
  if (typeof usage !== 'object' || usage === null) return;
  // Chat and completions name them prompt/completion tokens; the Responses API, input/output tokens.
  const u = usage as { prompt_tokens?: number; completion_tokens?: number; input_tokens?: number; output_tokens?: number };
  record.usage = { input: u.prompt_tokens ?? u.input_tokens ?? 0, output: u.completion_tokens ?? u.output_tokens ?? 0 };
}

export function outcomeForStatus(status: number): Outcome {
  if (status < 400) return 'allowed';
  if (status === 401 || status === 403) return 'denied';
  if (status >= 500) return 'upstream_error';
  return 'invalid';
}
