import { describe, expect, it } from 'vitest';
import { loadConfig, OPENAI_BASE_URL } from '../../../proxy/config/load-config.ts';
import { configErrorOf as errorOf, configFile as yamlFile } from '../../helpers/config.ts';

describe('loadConfig', () => {
  it('starts on embedded defaults with the mock upstream when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      databaseUrl: './data/bulwark.db',
      metricsPort: 9464,
      logLevel: 'info',
      maxBodyBytes: 1024 * 1024,
      upstream: { mode: 'mock' },
    });
  });

  const secret = { JWT_SECRET: 'x'.repeat(32) };

  it('goes to OpenAI when only UPSTREAM_API_KEY is set, and to any base URL given', () => {
    expect(loadConfig({ ...secret, UPSTREAM_API_KEY: 'sk-x' }).upstream).toEqual({ mode: 'remote', baseUrl: OPENAI_BASE_URL });
    expect(loadConfig({ ...secret, UPSTREAM_BASE_URL: 'http://localhost:11434/v1/' }).upstream).toEqual({
      mode: 'remote',
      baseUrl: 'http://localhost:11434/v1',
    });
    expect(loadConfig({ UPSTREAM_API_KEY: 'sk-x', MOCK_UPSTREAM: 'true' }).upstream).toEqual({ mode: 'mock' });
  });

  it('refuses to start outside mock mode without a JWT secret or JWKS, or with a short secret', () => {
    expect(errorOf({ UPSTREAM_API_KEY: 'sk-x' })).toBe('JWT_SECRET (at least 32 bytes) or JWKS_URL is required outside mock mode');
    expect(errorOf({ JWT_SECRET: 'short' })).toBe('JWT_SECRET must be at least 32 bytes');
    expect(errorOf({ UPSTREAM_API_KEY: 'sk-x', JWKS_URL: 'https://idp.example/jwks', DEV_TOKENS: 'true' })).toBe(
      'DEV_TOKENS needs JWT_SECRET outside mock mode',
    );
    expect(loadConfig({ UPSTREAM_API_KEY: 'sk-x', JWKS_URL: 'https://idp.example/jwks' }).jwksUrl).toBe('https://idp.example/jwks');
  });

  it('reads roles from the YAML file and names the field of a bad one', () => {
    const good = yamlFile('roles:\n  analyst:\n    permissions: [query:submit]\n    models: ["gpt-4o*"]\n    max_tokens: 512\n');
    expect(loadConfig({ BULWARK_CONFIG: good }).roles).toEqual({ analyst: { permissions: ['query:submit'], models: ['gpt-4o*'], max_tokens: 512 } });
    const bad = yamlFile('roles:\n  analyst:\n    permissions: [query:fly]\n');
    expect(errorOf({ BULWARK_CONFIG: bad })).toMatch(/^roles\.analyst\.permissions\.0 in .* Invalid option/);
  });

  it('reads the YAML file named by BULWARK_CONFIG, and the environment wins over it', () => {
    const path = yamlFile('port: 9090\nlog_level: debug\nmax_body_bytes: 2048\n');
    const config = loadConfig({ BULWARK_CONFIG: path, LOG_LEVEL: 'warn' });
    expect(config.port).toBe(9090);
    expect(config.maxBodyBytes).toBe(2048);
    expect(config.logLevel).toBe('warn');
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be an integer \(got "abc"\)$/],
    [{ PORT: '70000' }, /^PORT must be at most 65535/],
    [{ METRICS_PORT: '-1' }, /^METRICS_PORT must be at least 0/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ UPSTREAM_BASE_URL: 'ftp://x' }, /^UPSTREAM_BASE_URL must be an http:\/\/ or https:\/\/ URL/],
    [{ UPSTREAM_BASE_URL: 'https://x.openai.azure.com/openai/v1?api-version=1' }, /^UPSTREAM_BASE_URL must have no query string or fragment/],
    [{ DEV_TOKENS: 'maybe' }, /^DEV_TOKENS must be true or false/],
    [{ UPSTREAM_TIMEOUT_MS: '0' }, /^UPSTREAM_TIMEOUT_MS must be at least 1/],
  ])('rejects %o with one line naming the key', (env, message) => {
    const text = errorOf(env);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });

  it('never echoes a secret setting back', () => {
    // A YAML number where a string is needed: the message names the key, not the value.
    const text = errorOf({ BULWARK_CONFIG: yamlFile('jwt_secret: [1, 2]\n') });
    expect(text).toMatch(/^jwt_secret in .* Invalid input/);
    expect(text).not.toContain('1, 2');
  });

  it('names the file and the key for YAML mistakes', () => {
    expect(errorOf({ BULWARK_CONFIG: yamlFile('prot: 80\n') })).toMatch(/^prot in .*bulwark\.yaml is not a known setting$/);
    expect(errorOf({ BULWARK_CONFIG: yamlFile('port: [\n') })).toMatch(/^BULWARK_CONFIG is not valid YAML/);
    expect(errorOf({ BULWARK_CONFIG: '/nonexistent/bulwark.yaml' })).toMatch(/^BULWARK_CONFIG cannot be read: ENOENT/);
    expect(errorOf({ BULWARK_CONFIG: yamlFile('port: 70000\n') })).toMatch(/^port in .*bulwark\.yaml must be at most 65535/);
  });
});
