/**
 * The tables, as both dialects store them: times are ISO-8601 text and flags are nullable
 * timestamps, because better-sqlite3 rejects Dates and booleans and pg returns bigints as text.
 */
export interface ApiKeyTable {
  id: string;
  name: string;
  role: string;
  /** SHA-256 of the whole token, hex. The token itself is shown once and never stored. */
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface Tables {
  api_keys: ApiKeyTable;
}
