import type { Context, Next } from 'hono';
import { API_KEY_PREFIX, type VerifyApiKey } from '../auth/api-keys.ts';
import type { VerifyJwt } from '../auth/jwt.ts';
import type { Permission } from '../auth/permissions.ts';
import type { Principal } from '../auth/principal.ts';
import type { AppEnv } from '../env.ts';
import { ProxyError } from '../errors.ts';
import { requestHeader } from '../request-headers.ts';
import { BULWARK_ROLE, SPAN_AUTH } from '../telemetry/attributes.ts';
import { failSpan } from '../telemetry/tracing.ts';

const BEARER = /^Bearer +([^\s]+) *$/i;

/**
 * Bearer token → Principal. API keys and JWTs are told apart by shape alone (the `bwk_` prefix,
 * or three dot-separated parts), so a garbled token costs no crypto and no database lookup.
 */
export function authenticate({ verifyJwt, verifyApiKey }: { verifyJwt: VerifyJwt; verifyApiKey: VerifyApiKey }) {
  const verify = (token: string) => {
    if (token.startsWith(API_KEY_PREFIX)) return verifyApiKey(token);
    if (token.split('.').length === 3) return verifyJwt(token);
    throw new ProxyError('invalid_token');
  };
  const principalOf = (c: Context<AppEnv>) => {
    const token = BEARER.exec(requestHeader(c, 'authorization') ?? '')?.[1];
    if (token === undefined) throw new ProxyError('missing_token');
    return verify(token);
  };
  return async function authenticate(c: Context<AppEnv>, next: Next) {
    const record = c.get('record');
    const span = record.trace?.child(SPAN_AUTH);
    let principal: Principal;
    try {
      principal = await principalOf(c);
      span?.setAttribute(BULWARK_ROLE, principal.role.name);
    } catch (err) {
      // The error code (`invalid_token`, `token_expired`, ...), never the token.
      if (span) failSpan(span, err instanceof ProxyError ? err.code : 'error');
      throw err;
    } finally {
      span?.end();
    }
    c.set('principal', principal);
    record.principal = principal.id;
    record.role = principal.role.name;
    record.keyId = principal.keyId;
    await next();
  };
}

/** 403 unless the caller's role holds `permission`; the message names both. */
export function requirePermission(permission: Permission | ((c: Context<AppEnv>) => Permission)) {
  return async function requirePermission(c: Context<AppEnv>, next: Next) {
    const needed = typeof permission === 'function' ? permission(c) : permission;
    const { role } = c.get('principal');
    if (!role.permissions.has(needed)) {
      throw new ProxyError('permission_denied', { message: `Role '${role.name}' lacks the permission '${needed}' this route needs.` });
    }
    await next();
  };
}
