import { Hono } from 'hono';
import { SignJWT } from 'jose';
import { z } from 'zod';
import type { Roles } from '../auth/roles.ts';
import type { AppEnv } from '../env.ts';
import { ProxyError } from '../errors.ts';
import { readJsonBody } from '../openai/read-json-body.ts';

const tokenRequest = z.object({
  user_id: z.string().min(1).max(200),
  role: z.string().min(1),
  expires_in: z.number().int().min(60).max(24 * 3600).optional(),
});

export interface DevTokenOptions {
  readonly secret: Uint8Array;
  readonly roles: Roles;
  readonly roleClaim: string;
  readonly issuer: string | undefined;
  readonly audience: string | undefined;
}

/** `POST /token`: HS256 JWTs for development (DEV_TOKENS=true), as in the reference quick start. */
export function devTokenRoutes(options: DevTokenOptions, maxBodyBytes: number) {
  return new Hono<AppEnv>().post('/token', async (c) => {
    const { value } = await readJsonBody(c, tokenRequest, maxBodyBytes);
    if (!options.roles.has(value.role)) {
      throw new ProxyError('invalid_request', { message: `Unknown role '${value.role.slice(0, 64)}'. Known roles: ${[...options.roles.keys()].join(', ')}.`, param: 'role' });
    }
    const expiresIn = value.expires_in ?? 3600;
    let jwt = new SignJWT({ [options.roleClaim]: value.role })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(value.user_id)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`);
    if (options.issuer) jwt = jwt.setIssuer(options.issuer);
    if (options.audience) jwt = jwt.setAudience(options.audience);
    return c.json({ access_token: await jwt.sign(options.secret), token_type: 'bearer', expires_in: expiresIn, role: value.role });
  });
}
