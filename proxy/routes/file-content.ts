import { batchOutputTexts } from '../policy/batch-texts.ts';
import type { AnswerReader } from './inspected-route.ts';

/**
 * `GET /v1/files/{id}/content`. A batch's output file holds the model's answers as the upstream
 * keeps them, unredacted: each of its lines is redacted as it passes, like an answer fetched
 * by id. Any other file (batch input, fine-tuning data, images, PDFs) passes byte for byte.
 */
export const fileContent: AnswerReader = { answerTexts: batchOutputTexts, jsonLines: true };
