import { z } from 'zod';
import { chatStreamHooks } from '../openai/chat-stream.ts';
import { completionTexts, promptListTexts } from '../policy/chat-texts.ts';
import type { InspectedEndpoint } from './inspected-route.ts';

/** Only what Bulwark relies on is checked; every other field passes through untouched. */
const completionRequest = z.looseObject({
  model: z.string().min(1),
  prompt: z.unknown(),
  stream: z.boolean().nullish(),
  max_tokens: z.number().int().nullish(),
});

/**
 * Legacy `POST /v1/completions`: the prompt (a string or a list of strings) scanned, each
 * choice's `text` redacted — streamed chunks by the same per-choice redactors as chat.
 */
export const completions: InspectedEndpoint<z.infer<typeof completionRequest>> = {
  path: '/completions',
  schema: completionRequest,
  tokenFields: { names: ['max_tokens'], added: 'max_tokens' },
  promptTexts: (body) => promptListTexts(body, 'prompt'),
  answerTexts: completionTexts,
  streamHooks: chatStreamHooks,
};
