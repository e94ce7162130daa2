import { describe, expect, it } from 'vitest';
import { canonicalPath, readRouteVariants } from '../../../proxy/routes/read-paths.ts';

/** The read routes as app.ts registers them. */
const isReadRouteVariant = readRouteVariants([
  '/v1/chat/completions',
  '/v1/completions',
  '/v1/responses',
  '/v1/embeddings',
  '/v1/batches',
  '/v1/responses/:id',
  '/v1/chat/completions/:id',
  '/v1/files/:id/content',
]);

describe('read route spellings', () => {
  it('reads a path the way a lenient server might', () => {
    expect(canonicalPath('/v1//Chat/completions/')).toBe('/v1/chat/completions');
    expect(canonicalPath('/v1/files/f%2Fcontent')).toBe('/v1/files/f/content');
    expect(canonicalPath('/v1/batche%2573')).toBe('/v1/batches');
    expect(canonicalPath('/v1/./x/../batches;jsessionid=1')).toBe('/v1/batches');
    expect(canonicalPath('\\v1\\embeddings')).toBe('/v1/embeddings');
    expect(canonicalPath('/v1/%E0%A4%A')).toBe('/v1/%e0%a4%a');
  });

  it('flags only other spellings of read routes, never the canonical ones nor other routes', () => {
    for (const variant of ['/v1/batches/', '/v1//responses', '/v1/Embeddings', '/v1/files/f/content/', '/v1/chat/completions/c1/', '/v1/completions;x']) {
      expect(isReadRouteVariant(variant), variant).toBe(true);
    }
    for (const other of ['/v1/batches', '/v1/chat/completions/c1', '/v1/files/f/content', '/v1/models/', '/v1/files//f', '/v1/responses/r1/input_items/', '/v1/audio/speech']) {
      expect(isReadRouteVariant(other), other).toBe(false);
    }
  });
});
