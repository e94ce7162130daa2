import { z } from 'zod';
import { promptListTexts } from '../policy/chat-texts.ts';
import type { InspectedEndpoint } from './inspected-route.ts';

/** Only what Bulwark relies on is checked; every other field passes through untouched. */
const embeddingsRequest = z.looseObject({ model: z.string().min(1) });

/**
 * `POST /v1/embeddings`: the input (a string, or a list whose strings are each a text; token
 * arrays left alone) scanned before it leaves. The answer is vectors, with no text to redact,
 * and never streams.
 */
export const embeddings: InspectedEndpoint<z.infer<typeof embeddingsRequest>> = {
  path: '/embeddings',
  schema: embeddingsRequest,
  tokenFields: undefined,
  promptTexts: (body) => promptListTexts(body, 'input'),
  answerTexts: () => [],
  streamHooks: () => ({}),
};
