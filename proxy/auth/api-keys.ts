import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ProxyError } from '../errors.ts';
import type { Database } from '../store/database.ts';
import type { ApiKeyTable } from '../store/schema.ts';
import type { Principal } from './principal.ts';
import type { Roles } from './roles.ts';

export const API_KEY_PREFIX = 'bwk_';
/** `bwk_<12 hex id>_<43 base64url chars>`: the id finds the row, the rest is 256 random bits. */
const TOKEN_SHAPE = /^bwk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

/** What the admin API and the CLI show: never the hash, never the token after creation. */
export type ApiKeyInfo = Omit<ApiKeyTable, 'key_hash'>;

const sha256 = (text: string) => createHash('sha256').update(text).digest();

export interface ApiKeyStore {
  create(input: { name: string; role: string; expiresAt?: Date }): Promise<{ key: string; info: ApiKeyInfo }>;
  list(): Promise<ApiKeyInfo[]>;
  /** False when no such key exists. */
  revoke(id: string): Promise<boolean>;
  find(id: string): Promise<ApiKeyTable | undefined>;
  touch(id: string, at: Date): Promise<void>;
}

export function createApiKeyStore(db: Database): ApiKeyStore {
  const withoutHash = ({ key_hash: _hash, ...info }: ApiKeyTable): ApiKeyInfo => info;
  return {
    async create({ name, role, expiresAt }) {
      const id = randomBytes(6).toString('hex');
      const key = `${API_KEY_PREFIX}${id}_${randomBytes(32).toString('base64url')}`;
      const row: ApiKeyTable = {
        id,
        name,
        role,
        key_hash: sha256(key).toString('hex'),
        created_at: new Date().toISOString(),
        last_used_at: null,
        expires_at: expiresAt?.toISOString() ?? null,
        revoked_at: null,
      };
      await db.insertInto('api_keys').values(row).execute();
      return { key, info: withoutHash(row) };
    },
    async list() {
      return (await db.selectFrom('api_keys').selectAll().orderBy('created_at').execute()).map(withoutHash);
    },
    async revoke(id) {
      const result = await db
        .updateTable('api_keys')
        .set({ revoked_at: new Date().toISOString() })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) return true;
      return (await this.find(id)) !== undefined;
    },
    find: (id) => db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst(),
    async touch(id, at) {
      await db.updateTable('api_keys').set({ last_used_at: at.toISOString() }).where('id', '=', id).execute();
    },
  };
}

export type VerifyApiKey = (token: string) => Promise<Principal>;

const CACHE_ENTRIES = 10_000;
const TOUCH_EVERY_MS = 60_000;

/**
 * Verifies `bwk_` keys. Rows (and misses) are cached for `cacheSec` seconds in a bounded LRU, so
 * a revocation takes effect within that time and a flood of made-up keys does not reach the
 * database more than once per id. `last_used_at` is written at most once a minute per key.
 */
export function createApiKeyVerifier(store: ApiKeyStore, roles: Roles, cacheSec: number, onError: (err: unknown) => void): VerifyApiKey {
  const rows = new LRUCache<string, { row: ApiKeyTable | null }>({ max: CACHE_ENTRIES, ttl: Math.max(1, cacheSec * 1000) });
  const touched = new LRUCache<string, number>({ max: CACHE_ENTRIES });

  async function row(id: string): Promise<ApiKeyTable | null> {
    const cached = cacheSec > 0 ? rows.get(id) : undefined;
    if (cached) return cached.row;
    const found = (await store.find(id)) ?? null;
    rows.set(id, { row: found });
    return found;
  }

  return async function verifyApiKey(token) {
    const id = TOKEN_SHAPE.exec(token)?.[1];
    if (id === undefined) throw new ProxyError('invalid_token');
    const found = await row(id);
    if (!found || !timingSafeEqual(sha256(token), Buffer.from(found.key_hash, 'hex'))) throw new ProxyError('invalid_token');
    if (found.revoked_at !== null) throw new ProxyError('invalid_token', { message: 'The API key has been revoked.' });
    const now = Date.now();
    if (found.expires_at !== null && Date.parse(found.expires_at) <= now) throw new ProxyError('token_expired', { message: 'The API key has expired.' });
    const role = roles.get(found.role);
    if (!role) throw new ProxyError('unknown_role');
    if (now - (touched.get(id) ?? 0) > TOUCH_EVERY_MS) {
      touched.set(id, now);
      store.touch(id, new Date(now)).catch(onError);
    }
    return { id: `key:${id}`, role, keyId: id, kind: 'api_key' };
  };
}
