import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../proxy/config/load-config.ts';
import { configErrorOf as errorOf } from '../../helpers/config.ts';

describe('audit settings', () => {
  it('default to a closed, one-year, plain SHA-256 trail named after the host', () => {
    expect(loadConfig({})).toMatchObject({ auditFailMode: 'closed', auditRetentionDays: 365, auditHmacKey: undefined, auditInstanceId: undefined });
  });

  it('are read and checked, and the HMAC key is never echoed', () => {
    const key = 'k'.repeat(40);
    expect(loadConfig({ AUDIT_FAIL_MODE: 'open', AUDIT_RETENTION_DAYS: '0', AUDIT_HMAC_KEY: key, AUDIT_INSTANCE_ID: 'bulwark-7f9c.eu-1' })).toMatchObject({
      auditFailMode: 'open',
      auditRetentionDays: 0,
      auditHmacKey: key,
      auditInstanceId: 'bulwark-7f9c.eu-1',
    });
    expect(errorOf({ AUDIT_FAIL_MODE: 'maybe' })).toBe('AUDIT_FAIL_MODE must be closed or open (got "maybe")');
    expect(errorOf({ AUDIT_RETENTION_DAYS: '-1' })).toBe('AUDIT_RETENTION_DAYS must be at least 0 (got "-1")');
    expect(errorOf({ AUDIT_HMAC_KEY: 'short-secret' })).toBe('AUDIT_HMAC_KEY must be at least 32 characters');
    expect(errorOf({ AUDIT_INSTANCE_ID: 'a b' })).toMatch(/^AUDIT_INSTANCE_ID must be 1 to 128 letters/);
  });
});
