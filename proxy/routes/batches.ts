import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../env.ts';
import { ProxyError } from '../errors.ts';
import { refuseAmbiguousKeys } from '../openai/ambiguous-keys.ts';
import { lineBreak, LinesOverBudget, LineTooLong, mapJsonLines } from '../openai/json-lines.ts';
import { readJsonBody } from '../openai/read-json-body.ts';
import { applyRoleLimits } from '../auth/role-limits.ts';
import type { Role } from '../auth/roles.ts';
import { isObject, type ScannableText } from '../policy/chat-texts.ts';
import type { Guard, Judgement } from '../policy/guard.ts';
import { requestHeaders } from '../request-headers.ts';
import type { RequestRecord } from '../request-record.ts';
import { clientResponseHeaders, upstreamRequestHeaders } from '../upstream/headers.ts';
import { upstreamFailure, type UpstreamClient } from '../upstream/upstream-client.ts';
import { chatCompletions } from './chat-completions.ts';
import { completions } from './completions.ts';
import { embeddings } from './embeddings.ts';
import {
  abortWhenClientLeaves,
  CLIENT_CLOSED_REQUEST,
  forwardAndAnswer,
  GATHERED_LINES,
  MAX_LINE_BYTES,
  NOT_JSON,
  parseJson,
  type AnswerReader,
  type InspectedEndpoint,
  type ModelRequest,
} from './inspected-route.ts';
import { responses } from './responses.ts';

const batchRequest = z.looseObject({ input_file_id: z.string().min(1), endpoint: z.string().optional() });

/**
 * What judging a batch line needs of the endpoint it calls: the body checked, the role's limits
 * applied (a line cannot be rewritten, so a ceiling to add is a refusal), and its prompt texts.
 */
function lineReader<T extends ModelRequest>(endpoint: InspectedEndpoint<T>) {
  return (body: unknown, role: Role): ScannableText[] => {
    const parsed = endpoint.schema.safeParse(body);
    if (!parsed.success) throw new ProxyError('invalid_request', { message: `its body is not a valid /v1${endpoint.path} request.` });
    const added = applyRoleLimits(role, parsed.data, endpoint.tokenFields);
    if (added) {
      const [field, ceiling] = Object.entries(added)[0]!;
      throw new ProxyError('max_tokens_exceeded', { message: `role '${role.name}' caps answers at ${ceiling} tokens, so a batch request must set '${field}'.`, param: field });
    }
    return endpoint.promptTexts(parsed.data);
  };
}

/** The endpoints a batch line may call, by the `url` it names: the routes whose bodies Bulwark reads. */
const LINE_READERS = new Map<string, (body: unknown, role: Role) => ScannableText[]>([
  [`/v1${chatCompletions.path}`, lineReader(chatCompletions)],
  [`/v1${responses.path}`, lineReader(responses)],
  [`/v1${completions.path}`, lineReader(completions)],
  [`/v1${embeddings.path}`, lineReader(embeddings)],
]);

/** A batch object carries no text of the model's. */
const BATCH_OBJECT: AnswerReader = { answerTexts: () => [] };

/** Client-chosen names in messages are clipped. */
const clip = (s: string) => (s.length > 64 ? `${s.slice(0, 64)}…` : s);

/**
 * `POST /v1/batches`. A batch sends the requests of an uploaded file to the model, however the
 * file was uploaded (`/v1/files`, `/v1/uploads`), so this is where they are judged: the input
 * file is read from the upstream line by line, and every line is scanned like the direct call it
 * stands for. A line the policy blocks refuses the whole batch, naming the line. So does a line
 * it would redact: an uploaded file cannot be rewritten, so the caller redacts and uploads again.
 * Nothing is created upstream until every line has passed.
 */
export function createBatchRoute({ upstream, guard, maxBodyBytes }: { upstream: UpstreamClient; guard: Guard; maxBodyBytes: number }) {
  return async function createBatch(c: Context<AppEnv>): Promise<Response> {
    const { text, value } = await readJsonBody(c, batchRequest, maxBodyBytes);
    const judgement = guard.begin(c.get('principal').role.name, c.get('record'));
    const refused = await judgeInputFile(c, upstream, value, judgement);
    return refused ?? forwardAndAnswer(c, upstream, '/batches', text, BATCH_OBJECT, judgement);
  };
}

/** Reads the input file and judges every line; a Response when the batch must not go ahead for the file's sake (the upstream's error, the client gone). */
async function judgeInputFile(c: Context<AppEnv>, upstream: UpstreamClient, batch: z.infer<typeof batchRequest>, judgement: Judgement): Promise<Response | undefined> {
  const record = c.get('record');
  const { role } = c.get('principal');
  const aborter = abortWhenClientLeaves(c);
  const headers = upstreamRequestHeaders(requestHeaders(c), upstream.target.apiKey);
  delete headers['content-type'];
  try {
    const answer = await upstream.call(`/files/${encodeURIComponent(batch.input_file_id)}/content`, headers, undefined, aborter);
    if (answer.status !== 200) {
      // The file cannot be read (unknown id, upstream failure): the batch could not be judged, so it is not created.
      record.upstreamStatus = answer.status;
      record.outcome = 'upstream_error';
      return new Response(new Uint8Array(await answer.body.arrayBuffer()), { status: answer.status, headers: clientResponseHeaders(answer.headers) });
    }
    const lines: unknown[] = [];
    const split = mapJsonLines({
      budget: GATHERED_LINES,
      everyLine: true,
      mapLine: (line) => {
        lines.push(readLine(line));
        return line;
      },
      maxLineBytes: MAX_LINE_BYTES,
      passUnread: () => false,
    });
    let number = 0;
    for await (const _ of split(answer.body)) {
      for (const line of lines.splice(0)) {
        number += 1;
        await judgeLine(line, number, batch.endpoint, role, judgement, record);
      }
    }
    return undefined;
  } catch (err) {
    if (aborter.aborted) {
      record.outcome = 'client_aborted';
      return new Response(null, { status: CLIENT_CLOSED_REQUEST });
    }
    if (err instanceof LineTooLong) {
      throw new ProxyError('invalid_request', { message: `A line of the batch input file is longer than ${err.limit} bytes: Bulwark cannot judge it.`, param: 'input_file_id' });
    }
    if (err instanceof LinesOverBudget) throw new ProxyError('service_unavailable', { message: 'Bulwark is judging too many large batch files at once; try again shortly.' });
    throw err instanceof ProxyError ? err : upstreamFailure(err);
  }
}

/** A carriage return inside a line: some readers split lines there, and would see other requests than Bulwark. */
const LONE_CR = Symbol('lone carriage return');

/** One line of the input file as judged: undefined when blank, NOT_JSON, LONE_CR, or its value. */
function readLine(line: Buffer): unknown {
  const content = line.subarray(0, line.length - lineBreak(line).length);
  if (content.includes(0x0d)) return LONE_CR;
  if (content.every((b) => b === 0x20 || b === 0x09)) return undefined;
  return parseJson(content);
}

/**
 * One line of a batch input file, `{"custom_id","method","url","body"}`, judged like the call it
 * stands for; every refusal names the line (and its custom_id), never its text.
 */
async function judgeLine(line: unknown, number: number, endpoint: string | undefined, role: Role, judgement: Judgement, record: RequestRecord): Promise<void> {
  if (line === undefined) return;
  const id = isObject(line) && typeof line.custom_id === 'string' ? ` (custom_id '${clip(line.custom_id)}')` : '';
  const refuse = (err: ProxyError) =>
    new ProxyError(err.code, { message: `Line ${number}${id} of the batch input file: ${err.message}`, param: 'input_file_id', extra: err.extra ? { ...err.extra } : undefined });
  try {
    if (line === LONE_CR) throw new ProxyError('invalid_request', { message: 'it holds a carriage return that does not end it.' });
    if (line === NOT_JSON || !isObject(line)) throw new ProxyError('invalid_request', { message: 'it is not a JSON object.' });
    refuseAmbiguousKeys(line);
    const read = typeof line.url === 'string' ? LINE_READERS.get(line.url) : undefined;
    if (!read) throw new ProxyError('invalid_request', { message: `Bulwark judges batch requests to ${[...LINE_READERS.keys()].join(', ')} only.` });
    // The upstream may run a line by the batch's endpoint rather than its own url: judged by one, it must be the other.
    if (endpoint !== undefined && line.url !== endpoint) throw new ProxyError('invalid_request', { message: `its url is not the batch's endpoint (${endpoint.slice(0, 64)}).` });
    const findingsBefore = record.findings.length;
    if (!(await judgement.input(read(line.body, role)))) return;
    const rules = [...new Set(record.findings.slice(findingsBefore).filter((f) => f.disposition === 'redact').map((f) => f.ruleId))];
    record.outcome = 'blocked';
    throw new ProxyError('content_filter', {
      message: `it holds text Bulwark redacts (rules: ${rules.join(', ')}); an uploaded file cannot be rewritten: redact it and upload it again.`,
      extra: { rule_ids: rules },
    });
  } catch (err) {
    throw err instanceof ProxyError ? refuse(err) : err;
  }
}
