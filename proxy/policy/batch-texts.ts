import { completionTexts, isObject, type ScannableText } from './chat-texts.ts';
import { responseAnswerTexts } from './responses-texts.ts';

/**
 * The answer texts of one line of a Batch API output file,
 * `{"id","custom_id","response":{"status_code","request_id","body"},"error"}`, whose body is what
 * the endpoint answered: a chat completion, a legacy completion or a Responses object (an
 * embeddings list has no text). Error lines carry none.
 */
export function batchOutputTexts(line: unknown): ScannableText[] {
  if (!isObject(line) || !isObject(line.response) || !isObject(line.response.body)) return [];
  const body = line.response.body;
  return body.object === 'response' ? responseAnswerTexts(body) : completionTexts(body);
}
