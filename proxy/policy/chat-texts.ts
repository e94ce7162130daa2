/**
 * Every text of a chat completion request that the model will read: message contents (strings
 * and text parts of content arrays, every role), assistant tool-call arguments and legacy
 * function-call arguments. Tool definitions are not scanned; image and audio parts are left
 * alone. Each text comes with a setter, so a redaction rewrites it in place.
 */
export interface ScannableText {
  readonly messageIndex: number;
  readonly text: string;
  /** The operator's own instructions (a system or developer message, `instructions`): injection rules skip it unless told otherwise. */
  readonly operator?: boolean;
  replace(text: string): void;
}

/** Roles whose messages the operator writes, not the app's users or tools. */
export const OPERATOR_ROLES: ReadonlySet<unknown> = new Set(['system', 'developer']);

export type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function field(holder: Json, key: string, messageIndex: number, out: ScannableText[], operator = false): void {
  const text = holder[key];
  if (typeof text === 'string' && text.length > 0) {
    out.push({ messageIndex, text, operator, replace: (t) => (holder[key] = t) });
  }
}

/** The texts of one chat message: content (string or text parts), refusal, tool-call and function-call arguments. */
function messageTexts(message: unknown, index: number, out: ScannableText[]): void {
  if (!isObject(message)) return;
  const operator = OPERATOR_ROLES.has(message.role);
  if (Array.isArray(message.content)) {
    for (const part of message.content) {
      if (isObject(part) && (part.type === 'text' || part.type === 'input_text')) field(part, 'text', index, out, operator);
    }
  } else field(message, 'content', index, out, operator);
  field(message, 'refusal', index, out);
  if (Array.isArray(message.tool_calls)) {
    for (const call of message.tool_calls) {
      if (isObject(call) && isObject(call.function)) field(call.function, 'arguments', index, out);
    }
  }
  if (isObject(message.function_call)) field(message.function_call, 'arguments', index, out);
}

/** Request side: every message of every role. */
export function chatTexts(body: { messages: unknown[] }): ScannableText[] {
  const out: ScannableText[] = [];
  body.messages.forEach((message, i) => messageTexts(message, i, out));
  return out;
}

/** Answer side of a non-streamed completion: each choice's message, or a legacy completion's text (the index is the choice's). */
export function completionTexts(body: unknown): ScannableText[] {
  const out: ScannableText[] = [];
  if (!isObject(body) || !Array.isArray(body.choices)) return out;
  body.choices.forEach((choice, i) => {
    if (!isObject(choice)) return;
    const index = typeof choice.index === 'number' ? choice.index : i;
    const texts: ScannableText[] = [];
    messageTexts(choice.message, index, texts);
    field(choice, 'text', index, texts);
    // Log probabilities spell out the tokens: once a text is rewritten they would give it back.
    for (const t of texts) {
      out.push({
        ...t,
        replace: (text) => {
          t.replace(text);
          if (choice.logprobs != null) choice.logprobs = null;
        },
      });
    }
  });
  return out;
}

/**
 * A legacy completion's or an embedding's input: a string, or a list whose strings are each a
 * text (token arrays are numbers, left alone).
 */
export function promptListTexts(body: Json, key: string): ScannableText[] {
  const out: ScannableText[] = [];
  const prompt = body[key];
  if (Array.isArray(prompt)) prompt.forEach((_, i) => field(prompt as unknown as Json, String(i), i, out));
  else field(body, key, 0, out);
  return out;
}
