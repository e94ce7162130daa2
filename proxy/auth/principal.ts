import type { Role } from './roles.ts';

/** Who is calling: the subject of a JWT or the owner of an API key, with the role it acts in. */
export interface Principal {
  /** JWT `sub`, or `key:<id>` for an API key. */
  readonly id: string;
  readonly role: Role;
  /** The API key's id, or null for a JWT. */
  readonly keyId: string | null;
  readonly kind: 'jwt' | 'api_key';
}
