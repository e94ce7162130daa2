import { ProxyError } from '../errors.ts';
import type { Role } from './roles.ts';

interface TokenFields {
  model: string;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
}

/**
 * Checks a request against its role's model allow-list and token ceiling. Returns the fields to
 * add to the forwarded body (the ceiling, when the caller set none), or undefined when the body
 * goes as it is.
 */
export function applyRoleLimits(role: Role, body: TokenFields): Record<string, number> | undefined {
  if (!role.allowsModel(body.model)) {
    throw new ProxyError('model_not_allowed', {
      message: `Role '${role.name}' may not use model '${body.model.slice(0, 100)}'.`,
      param: 'model',
    });
  }
  if (role.maxTokens === undefined) return undefined;
  for (const field of ['max_tokens', 'max_completion_tokens'] as const) {
    const asked = body[field];
    if (typeof asked === 'number' && asked > role.maxTokens) {
      throw new ProxyError('max_tokens_exceeded', {
        message: `Role '${role.name}' may ask for at most ${role.maxTokens} tokens; '${field}' is ${asked}.`,
        param: field,
      });
    }
  }
  if (body.max_tokens == null && body.max_completion_tokens == null) return { max_completion_tokens: role.maxTokens };
  return undefined;
}
