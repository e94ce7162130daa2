import { ProxyError } from '../errors.ts';
import type { Role } from './roles.ts';

/**
 * Where an endpoint takes its output-token cap: the fields a caller may set (chat has two names
 * for it), and the one Bulwark adds when the caller set none.
 */
export interface TokenFields {
  readonly names: readonly string[];
  readonly added: string;
}

/**
 * Checks a request against its role's model allow-list and token ceiling. Returns the fields to
 * add to the forwarded body (the ceiling, when the caller set none), or undefined when the body
 * goes as it is. An endpoint without token fields (embeddings) is checked for the model only.
 */
export function applyRoleLimits(role: Role, body: { model: string } & Record<string, unknown>, tokens: TokenFields | undefined): Record<string, number> | undefined {
  if (!role.allowsModel(body.model)) {
    throw new ProxyError('model_not_allowed', {
      message: `Role '${role.name}' may not use model '${body.model.slice(0, 100)}'.`,
      param: 'model',
    });
  }
  if (role.maxTokens === undefined || tokens === undefined) return undefined;
  for (const field of tokens.names) {
    const asked = body[field];
    if (typeof asked === 'number' && asked > role.maxTokens) {
      throw new ProxyError('max_tokens_exceeded', {
        message: `Role '${role.name}' may ask for at most ${role.maxTokens} tokens; '${field}' is ${asked}.`,
        param: field,
      });
    }
  }
  if (tokens.names.every((field) => body[field] == null)) return { [tokens.added]: role.maxTokens };
  return undefined;
}
