/**
 * Every text of a chat completion request that the model will read: message contents (strings
 * and text parts of content arrays, every role), assistant tool-call arguments and legacy
 * function-call arguments. Tool definitions are not scanned; image and audio parts are left
 * alone. Each text comes with a setter, so a redaction rewrites it in place.
 */
export interface ScannableText {
  readonly messageIndex: number;
  readonly text: string;
  replace(text: string): void;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function field(holder: Json, key: string, messageIndex: number, out: ScannableText[]): void {
  const text = holder[key];
  if (typeof text === 'string' && text.length > 0) {
    out.push({ messageIndex, text, replace: (t) => (holder[key] = t) });
  }
}

export function chatTexts(body: { messages: unknown[] }): ScannableText[] {
  const out: ScannableText[] = [];
  body.messages.forEach((message, i) => {
    if (!isObject(message)) return;
    if (Array.isArray(message.content)) {
      for (const part of message.content) {
        if (isObject(part) && (part.type === 'text' || part.type === 'input_text')) field(part, 'text', i, out);
      }
    } else field(message, 'content', i, out);
    field(message, 'refusal', i, out);
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        if (isObject(call) && isObject(call.function)) field(call.function, 'arguments', i, out);
      }
    }
    if (isObject(message.function_call)) field(message.function_call, 'arguments', i, out);
  });
  return out;
}
