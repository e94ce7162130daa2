import type { IncomingHttpHeaders } from 'node:http';
import { SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { RequestRecord } from '../request-record.ts';
import {
  BULWARK_OUTCOME,
  BULWARK_REQUEST_ID,
  BULWARK_ROLE,
  BULWARK_STREAM,
  findingAttributes,
  GEN_AI_OPERATION_NAME,
  GEN_AI_PROVIDER_NAME,
  GEN_AI_REQUEST_MODEL,
  GEN_AI_RESPONSE_MODEL,
  GEN_AI_USAGE_INPUT_TOKENS,
  GEN_AI_USAGE_OUTPUT_TOKENS,
  HTTP_REQUEST_METHOD,
  HTTP_RESPONSE_STATUS_CODE,
  HTTP_ROUTE,
  SPAN_OUTPUT_REDACTION,
} from './attributes.ts';
import { routeLabel } from './metrics.ts';
import type { RequestTrace, Tracing } from './tracing.ts';

/** GenAI operation of each route whose body Bulwark reads (the Responses API is a chat, as OpenAI's semantic conventions say). */
const OPERATIONS: Readonly<Record<string, string>> = {
  '/v1/chat/completions': 'chat',
  '/v1/responses': 'chat',
  '/v1/completions': 'text_completion',
  '/v1/embeddings': 'embeddings',
};

/** Bulwark forwards the OpenAI API: the provider is OpenAI's, whatever server implements it. */
const PROVIDER = 'openai';

/**
 * Starts a request's server span, named `POST /v1/chat/completions` by the bounded route label
 * (a path with ids in it would make every span name unique).
 */
export function beginRequestSpan(
  tracing: Tracing,
  record: Pick<RequestRecord, 'requestId' | 'method' | 'route' | 'startedAt'>,
  headers: IncomingHttpHeaders,
): RequestTrace {
  const route = routeLabel(record.route);
  return tracing.begin(`${record.method} ${route}`, record.startedAt, headers, {
    [HTTP_REQUEST_METHOD]: record.method,
    [HTTP_ROUTE]: route,
    [BULWARK_REQUEST_ID]: record.requestId,
  });
}

/**
 * Ends the server span when the response is over (streams included), with what the request
 * became: status, outcome, role, and for model calls the GenAI attributes. A streamed answer is
 * redacted while it flows, inside the stream relay: its output-redaction span is recorded here,
 * from the first event to the end, from the timings on the record.
 */
export function endRequestSpan(requestTrace: RequestTrace, record: RequestRecord, status: number): void {
  const { span } = requestTrace;
  const attributes: Attributes = {
    [HTTP_RESPONSE_STATUS_CODE]: status,
    [BULWARK_OUTCOME]: record.outcome ?? 'error',
    [BULWARK_STREAM]: record.stream,
  };
  if (record.role !== undefined) attributes[BULWARK_ROLE] = record.role;
  if (record.model !== undefined) {
    attributes[GEN_AI_OPERATION_NAME] = OPERATIONS[routeLabel(record.route)] ?? 'chat';
    attributes[GEN_AI_PROVIDER_NAME] = PROVIDER;
    attributes[GEN_AI_REQUEST_MODEL] = record.model;
  }
  if (record.responseModel !== undefined) attributes[GEN_AI_RESPONSE_MODEL] = record.responseModel;
  if (record.usage !== undefined) {
    attributes[GEN_AI_USAGE_INPUT_TOKENS] = record.usage.input;
    attributes[GEN_AI_USAGE_OUTPUT_TOKENS] = record.usage.output;
  }
  span.setAttributes(attributes);
  if (record.stream && record.firstByteMs !== undefined) {
    requestTrace.child(SPAN_OUTPUT_REDACTION, { startTime: record.startedAt + record.firstByteMs, attributes: findingAttributes(record.findings, 'output') }).end();
  }
  // Server spans fail on 5xx only: a 4xx is the caller's mistake, answered as it should be.
  if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
