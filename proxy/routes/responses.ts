import { z } from 'zod';
import { responsesStreamHooks } from '../openai/responses-stream.ts';
import { responseAnswerTexts, responseRequestTexts } from '../policy/responses-texts.ts';
import type { InspectedEndpoint } from './inspected-route.ts';

/** Only what Bulwark relies on is checked; every other field passes through untouched. */
const responsesRequest = z.looseObject({
  model: z.string().min(1),
  stream: z.boolean().nullish(),
  max_output_tokens: z.number().int().nullish(),
});

/**
 * `POST /v1/responses`: the instructions and every input item the model reads scanned (messages,
 * function calls and their outputs), the answer's output texts and function-call arguments
 * redacted, streamed or not.
 */
export const responses: InspectedEndpoint<z.infer<typeof responsesRequest>> = {
  path: '/responses',
  schema: responsesRequest,
  tokenFields: { names: ['max_output_tokens'], added: 'max_output_tokens' },
  promptTexts: responseRequestTexts,
  answerTexts: responseAnswerTexts,
  streamHooks: responsesStreamHooks,
};
