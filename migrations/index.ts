import type { Migration } from 'kysely';
import * as apiKeys from './001_api_keys.ts';
import * as audit from './002_audit.ts';

/**
 * Every migration, in order, as a static map: kysely's FileMigrationProvider cannot import
 * `.ts` files on Node 20. Add new ones at the end; never rename or edit one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '001_api_keys': apiKeys,
  '002_audit': audit,
};
