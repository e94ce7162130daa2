import { z } from 'zod';
import { chatStreamHooks } from '../openai/chat-stream.ts';
import { chatTexts, completionTexts, isObject } from '../policy/chat-texts.ts';
import type { AnswerReader, InspectedEndpoint } from './inspected-route.ts';

/** Only what Bulwark relies on is checked; every other field passes through untouched. */
const chatRequest = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.looseObject({ role: z.string() })),
  stream: z.boolean().nullish(),
  max_tokens: z.number().int().nullish(),
  max_completion_tokens: z.number().int().nullish(),
});

/** `POST /v1/chat/completions`: every message scanned, every choice's text redacted, streamed or not. */
export const chatCompletions: InspectedEndpoint<z.infer<typeof chatRequest>> = {
  path: '/chat/completions',
  schema: chatRequest,
  tokenFields: { names: ['max_tokens', 'max_completion_tokens'], added: 'max_completion_tokens' },
  promptTexts: chatTexts,
  answerTexts: completionTexts,
  streamHooks: chatStreamHooks,
};

/** `GET /v1/chat/completions` (stored completions, a page of them): each one's choices redacted. */
export const storedCompletions: AnswerReader = {
  answerTexts: (page) => (isObject(page) && Array.isArray(page.data) ? page.data.flatMap(completionTexts) : []),
  streamHooks: chatStreamHooks,
};
