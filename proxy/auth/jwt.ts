import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { ProxyError } from '../errors.ts';
import type { Principal } from './principal.ts';
import type { Roles } from './roles.ts';

export interface JwtOptions {
  /** HS256 secret (development); HS256 is refused without it. */
  readonly secret: Uint8Array | undefined;
  /** Identity provider JWKS (production); asymmetric algorithms are refused without it. */
  readonly jwksUrl: string | undefined;
  /** Least time between JWKS fetches; an unknown `kid` triggers one after it. */
  readonly jwksCooldownMs: number;
  readonly algorithms: readonly string[];
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
  readonly roleClaim: string;
  readonly clockToleranceSec: number;
}

export type VerifyJwt = (token: string) => Promise<Principal>;

const CACHE_ENTRIES = 10_000;

/**
 * Verifies Bulwark JWTs with jose. The algorithm decides the key, never the other way round: HS256
 * only against the secret, asymmetric algorithms only against the JWKS, `none` never — so a
 * token signed with the RS public key as an HMAC secret is refused. Verified tokens are cached
 * (bounded) until shortly before they expire, which keeps the per-request cost in microseconds.
 */
export function createJwtVerifier(options: JwtOptions, roles: Roles): VerifyJwt {
  const jwks = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: options.jwksCooldownMs }) : undefined;
  const claims = {
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
    clockTolerance: options.clockToleranceSec,
  };
  const verified = new LRUCache<string, { principal: Principal; until: number }>({ max: CACHE_ENTRIES });

  async function verify(token: string): Promise<JWTPayload> {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new ProxyError('invalid_token');
    }
    try {
      if (alg === 'HS256' && options.secret) {
        return (await jwtVerify(token, options.secret, { ...claims, algorithms: ['HS256'] })).payload;
      }
      if (alg !== undefined && jwks && options.algorithms.includes(alg)) {
        return (await jwtVerify(token, jwks, { ...claims, algorithms: [...options.algorithms] })).payload;
      }
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new ProxyError('token_expired');
      throw new ProxyError('invalid_token', { cause: err });
    }
    throw new ProxyError('invalid_token', { message: `The bearer token's algorithm (${String(alg).slice(0, 16)}) is not accepted.` });
  }

  return async function verifyJwt(token) {
    const now = Date.now();
    const hit = verified.get(token);
    if (hit && hit.until > now) return hit.principal;

    const payload = await verify(token);
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      throw new ProxyError('invalid_token', { message: 'The bearer token has no subject (sub).' });
    }
    const role = pickRole(payload[options.roleClaim], roles);
    const principal: Principal = { id: payload.sub, role, keyId: null, kind: 'jwt' };
    // Cached until exp (or a minute at most), so a cached token never outlives its validity.
    const until = Math.min(typeof payload.exp === 'number' ? payload.exp * 1000 : Infinity, now + 60_000);
    verified.set(token, { principal, until });
    return principal;
  };
}

function pickRole(claim: unknown, roles: Roles) {
  const names = Array.isArray(claim) ? claim : [claim];
  for (const name of names) {
    const role = typeof name === 'string' ? roles.get(name) : undefined;
    if (role) return role;
  }
  throw new ProxyError('unknown_role', {
    message: names.some((n) => typeof n === 'string') ? 'The token names a role this proxy does not know.' : 'The token carries no role.',
  });
}
