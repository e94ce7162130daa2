import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT, type JWK, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JWT_SECRET, signToken, startStack, type Stack } from '../helpers/stack.ts';

const ISSUER = 'https://idp.test';
const AUDIENCE = 'bulwark';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
interface SigningKey {
  kid: string;
  alg: 'RS256' | 'ES256' | 'EdDSA';
  pair: KeyPair;
}

async function signingKey(kid: string, alg: SigningKey['alg']): Promise<SigningKey> {
  return { kid, alg, pair: await generateKeyPair(alg, { extractable: true }) };
}

async function jwk(key: SigningKey): Promise<JWK> {
  return { ...(await exportJWK(key.pair.publicKey)), kid: key.kid, alg: key.alg, use: 'sig' };
}

function sign(key: SigningKey, claims: JWTPayload = {}, header: Record<string, unknown> = {}) {
  return new SignJWT({ role: 'agent', sub: 'idp-user', iss: ISSUER, aud: AUDIENCE, ...claims })
    .setProtectedHeader({ alg: key.alg, kid: key.kid, ...header })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key.pair.privateKey);
}

/** A local identity provider: serves whatever key set the test puts in `published`. */
let published: JWK[] = [];
let jwksServer: Server;
let stack: Stack;
let rsa: SigningKey;
let ec: SigningKey;
let ed: SigningKey;

beforeAll(async () => {
  [rsa, ec, ed] = await Promise.all([signingKey('rsa-1', 'RS256'), signingKey('ec-1', 'ES256'), signingKey('ed-1', 'EdDSA')]);
  published = await Promise.all([rsa, ec, ed].map(jwk));
  jwksServer = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published })));
  jwksServer.listen(0, '127.0.0.1');
  await once(jwksServer, 'listening');
  const { port } = jwksServer.address() as AddressInfo;
  stack = await startStack({
    env: {
      JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      JWKS_COOLDOWN_MS: '0',
      JWT_ISSUER: ISSUER,
      JWT_AUDIENCE: AUDIENCE,
      JWT_CLOCK_TOLERANCE_SEC: '5',
    },
  });
});
afterAll(async () => {
  await stack.close();
  jwksServer.close();
});

async function call(token: string | undefined) {
  const res = await fetch(`${stack.url}/v1/models`, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  const body = res.status === 200 ? undefined : ((await res.json()) as { error: { code: string; type: string } }).error;
  return { status: res.status, code: body?.code, challenge: res.headers.get('www-authenticate') };
}

const hs256 = (claims: Record<string, unknown> = {}, secret = JWT_SECRET, expiresIn = '1h') =>
  signToken('agent', { iss: ISSUER, aud: AUDIENCE, ...claims }, secret, expiresIn);

describe('JWTs that must pass', () => {
  it.each(['RS256', 'ES256', 'EdDSA'])('a %s token from the JWKS', async (alg) => {
    const key = { RS256: rsa, ES256: ec, EdDSA: ed }[alg]!;
    expect((await call(await sign(key))).status).toBe(200);
  });

  it('an HS256 development token signed with JWT_SECRET', async () => {
    expect((await call(await hs256())).status).toBe(200);
  });

  it('the role from the configured claim, taking the first known role of a list', async () => {
    expect((await call(await sign(rsa, { role: ['unknown-role', 'agent'] }))).status).toBe(200);
  });
});

describe('forged and broken tokens', () => {
  const cases: Array<[string, () => Promise<string | undefined>, number, string | undefined]> = [
    ['no token at all', async () => undefined, 401, 'missing_token'],
    ['a garbled token', async () => 'not-a-token', 401, 'invalid_token'],
    ['three garbled parts', async () => 'a.b.c', 401, 'invalid_token'],
    ['alg none', async () => new UnsecuredJWT({ role: 'administrator', sub: 'x', iss: ISSUER, aud: AUDIENCE }).encode(), 401, 'invalid_token'],
    ['HS256 signed with the RS public key as the secret', async () => hs256({}, await exportSPKI(rsa.pair.publicKey)), 401, 'invalid_token'],
    ['HS256 signed with another secret', async () => hs256({}, 'another-secret-that-is-32-bytes-long!!'), 401, 'invalid_token'],
    ['a wrong issuer', async () => sign(rsa, { iss: 'https://evil.test' }), 401, 'invalid_token'],
    ['a wrong audience', async () => sign(rsa, { aud: 'someone-else' }), 401, 'invalid_token'],
    ['an expired token', async () => hs256({}, JWT_SECRET, '-1 minute'), 401, 'token_expired'],
    ['a token not yet valid', async () => hs256({ nbf: Math.floor(Date.now() / 1000) + 600 }), 401, 'invalid_token'],
    [
      'a tampered payload',
      async () => {
        const [h, , s] = (await sign(rsa)).split('.');
        const forged = Buffer.from(JSON.stringify({ role: 'administrator', sub: 'idp-user', iss: ISSUER, aud: AUDIENCE, exp: 9e9 })).toString('base64url');
        return `${h}.${forged}.${s}`;
      },
      401,
      'invalid_token',
    ],
    ['an unknown kid', async () => sign({ ...rsa, kid: 'nobody' }), 401, 'invalid_token'],
    ['an algorithm not on the allow-list', async () => sign(await signingKey('rsa-384', 'RS256'), {}, { alg: 'RS384' }).catch(() => 'x.y.z'), 401, 'invalid_token'],
    ['a token without a subject', async () => new SignJWT({ role: 'agent' }).setProtectedHeader({ alg: 'RS256', kid: 'rsa-1' }).setIssuer(ISSUER).setAudience(AUDIENCE).setExpirationTime('5m').sign(rsa.pair.privateKey), 401, 'invalid_token'],
    ['a role this proxy does not know', async () => sign(rsa, { role: 'superuser' }), 403, 'unknown_role'],
    ['no role at all', async () => sign(rsa, { role: undefined }), 403, 'unknown_role'],
  ];

  it.each(cases)('refuses %s', async (_name, make, status, code) => {
    const result = await call(await make());
    expect(result.status).toBe(status);
    expect(result.code).toBe(code);
    if (status === 401) expect(result.challenge).toMatch(/^Bearer realm="bulwark"/);
  });
});

describe('key rotation', () => {
  it('picks up a new key by its kid and refuses the retired one', async () => {
    const next = await signingKey('rsa-2', 'RS256');
    const oldToken = await sign(rsa, { sub: 'fresh-old' });
    published = [await jwk(next)];
    expect((await call(await sign(next))).status).toBe(200);
    expect((await call(oldToken)).status).toBe(401);
  });
});

describe('no token in any log line', () => {
  it('keeps every bearer token used in this file out of the logs', async () => {
    const token = await hs256();
    await call(token);
    const text = JSON.stringify(stack.logs);
    expect(text).not.toContain(token);
    expect(text).not.toContain(token.split('.')[2]);
    expect(text).not.toContain(stack.tokens.agent);
  });
});
