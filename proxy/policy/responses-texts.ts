import { field, isObject, OPERATOR_ROLES, type Json, type ScannableText } from './chat-texts.ts';

/**
 * The texts of a Responses API (`/v1/responses`) request and answer. Texts that stand outside
 * any list (`instructions`, the answer's `output_text`) carry the index `OUTSIDE_ITEMS`; the
 * others carry their item's index in `input` or `output`.
 */
export const OUTSIDE_ITEMS = -1;

/** Content parts whose `text` a model reads or writes; images, files and audio are left alone. */
const TEXT_PARTS = new Set(['input_text', 'output_text', 'text']);

/** Log probabilities spell out the tokens of a text: once the text is rewritten they would leak it. */
export function dropLogprobs(holder: Json): void {
  if (Array.isArray(holder.logprobs) && holder.logprobs.length > 0) holder.logprobs = [];
}

/** The text of one content part (`output_text`, `input_text`, `text`) or its refusal. */
export function partTexts(part: unknown, index: number, out: ScannableText[], operator = false): void {
  if (!isObject(part)) return;
  if (part.type === 'refusal') return field(part, 'refusal', index, out);
  if (typeof part.type !== 'string' || !TEXT_PARTS.has(part.type)) return;
  const at = out.length;
  field(part, 'text', index, out, operator);
  const text = out[at];
  if (!text) return;
  // The part's own setter, then its log probabilities dropped with the old text.
  out[at] = {
    ...text,
    replace(t) {
      text.replace(t);
      dropLogprobs(part);
    },
  };
}

/** A message's content: a string, or a list of parts. */
function contentTexts(holder: Json, key: string, index: number, out: ScannableText[], operator = false): void {
  const content = holder[key];
  if (Array.isArray(content)) for (const part of content) partTexts(part, index, out, operator);
  else field(holder, key, index, out, operator);
}

/**
 * The texts of one item, in a request's `input` or an answer's `output`: a message's content, a
 * function call's arguments, a function call output's output. Other item types are left alone.
 */
export function itemTexts(item: unknown, index: number, out: ScannableText[]): void {
  if (!isObject(item)) return;
  if (item.type === 'function_call') field(item, 'arguments', index, out);
  else if (item.type === 'function_call_output') contentTexts(item, 'output', index, out);
  else if (item.type === 'message' || (item.type === undefined && typeof item.role === 'string')) contentTexts(item, 'content', index, out, OPERATOR_ROLES.has(item.role));
}

/** Request side: `instructions`, and `input` — a string, or a list of items. */
export function responseRequestTexts(body: Json): ScannableText[] {
  const out: ScannableText[] = [];
  field(body, 'instructions', OUTSIDE_ITEMS, out, true);
  if (Array.isArray(body.input)) body.input.forEach((item, i) => itemTexts(item, i, out));
  else field(body, 'input', 0, out);
  return out;
}

/** Answer side, a response object: its output items, and `output_text` when the server sends one. */
export function responseAnswerTexts(response: unknown): ScannableText[] {
  const out: ScannableText[] = [];
  if (!isObject(response)) return out;
  if (Array.isArray(response.output)) response.output.forEach((item, i) => itemTexts(item, i, out));
  field(response, 'output_text', OUTSIDE_ITEMS, out);
  return out;
}
