import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../proxy/config/load-config.ts';
import type { Finding } from '../../../proxy/policy/verdict.ts';
import type { RequestRecord } from '../../../proxy/request-record.ts';
import { createMetrics, modelLabeller, routeLabel } from '../../../proxy/telemetry/metrics.ts';
import { configErrorOf } from '../../helpers/config.ts';
import { sampleValue as value } from '../../helpers/exposition.ts';

const record = (over: Partial<RequestRecord> = {}): RequestRecord => ({
  requestId: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924',
  method: 'POST',
  route: '/v1/chat/completions',
  startedAt: 0,
  receivedAt: 0,
  clientIp: '10.9.8.7',
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  stream: false,
  findings: [],
  principal: 'user-alice@example.com',
  role: 'agent',
  keyId: 'k1d0000001',
  ...over,
});

const finding = (ruleId: string, direction: Finding['direction'], disposition: Finding['disposition']): Finding => ({
  ruleId,
  category: ruleId.split('.')[0]!,
  direction,
  disposition,
  messageIndex: 0,
  start: 0,
  end: 1,
});

describe('model labels', () => {
  it('keeps allow-listed names, folds every other to other, and a missing model to none', () => {
    const label = modelLabeller(['gpt-4o-mini', 'o3']);
    expect(label('gpt-4o-mini')).toBe('gpt-4o-mini');
    expect(label('o3')).toBe('o3');
    expect(label('gpt-4o-mini-2024-07-18')).toBe('other');
    expect(label('GPT-4O-MINI')).toBe('other');
    expect(label('x'.repeat(10_000))).toBe('other');
    expect(label(undefined)).toBe('none');
  });

  it('METRICS_MODELS is a comma-separated list of exact names, with common OpenAI models by default', () => {
    expect(loadConfig({ METRICS_MODELS: ' gpt-4o , my-llama,, ' }).metricsModels).toEqual(['gpt-4o', 'my-llama']);
    const defaults = loadConfig({}).metricsModels;
    expect(defaults).toEqual(expect.arrayContaining(['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'o3', 'text-embedding-3-small']));
    expect(configErrorOf({ LOG_FORMAT: 'xml' })).toBe('LOG_FORMAT must be auto, json or pretty (got "xml")');
  });

  it('route labels fold paths with ids to their first segment', () => {
    expect(routeLabel('/v1/chat/completions')).toBe('/v1/chat/completions');
    expect(routeLabel('/v1/files/file-abc123/content')).toBe('/v1/files');
    expect(routeLabel('/wp-admin/../etc/passwd')).toBe('other');
  });
});

describe('observeRequest', () => {
  it('labels requests, upstream time and tokens with the folded model, and never with ids', async () => {
    const metrics = createMetrics({ models: ['gpt-4o-mini'] });
    metrics.observeRequest(record({ model: 'gpt-4o-mini', upstreamMs: 250, usage: { input: 12, output: 30 }, outcome: 'allowed' }), 200, 400);
    metrics.observeRequest(record({ model: 'ft:gpt-4o-mini:acme:secret-project:abc123', upstreamMs: 1_500, usage: { input: 1, output: 2 }, outcome: 'allowed' }), 200, 1_600);
    const text = await metrics.registry.metrics();

    const chat = { route: '/v1/chat/completions', method: 'POST', status: '200', outcome: 'allowed', role: 'agent' };
    expect(value(text, 'bulwark_requests_total', { ...chat, model: 'gpt-4o-mini' })).toBe(1);
    expect(value(text, 'bulwark_requests_total', { ...chat, model: 'other' })).toBe(1);
    expect(value(text, 'bulwark_upstream_duration_seconds_count', { route: '/v1/chat/completions', model: 'gpt-4o-mini' })).toBe(1);
    expect(value(text, 'bulwark_upstream_duration_seconds_sum', { route: '/v1/chat/completions', model: 'other' })).toBe(1.5);
    expect(value(text, 'bulwark_tokens_total', { model: 'gpt-4o-mini', type: 'input' })).toBe(12);
    expect(value(text, 'bulwark_tokens_total', { model: 'gpt-4o-mini', type: 'output' })).toBe(30);
    expect(value(text, 'bulwark_tokens_total', { model: 'other', type: 'output' })).toBe(2);

    for (const id of ['e3b0c442', '4bf92f3577b34da6', 'user-alice', 'k1d0000001', '10.9.8.7', 'secret-project']) expect(text).not.toContain(id);
  });

  it('buckets LLM latencies up to ten minutes, not prom-client’s default 10 s', async () => {
    const metrics = createMetrics({ models: [] });
    metrics.observeRequest(record({ stream: true, upstreamMs: 200, firstByteMs: 95_000 }), 200, 240_000);
    const text = await metrics.registry.metrics();
    expect(value(text, 'bulwark_time_to_first_token_seconds_bucket', { route: '/v1/chat/completions', model: 'none', le: '60' })).toBe(0);
    expect(value(text, 'bulwark_time_to_first_token_seconds_bucket', { route: '/v1/chat/completions', model: 'none', le: '120' })).toBe(1);
    expect(value(text, 'bulwark_request_duration_seconds_bucket', { route: '/v1/chat/completions', outcome: 'error', le: '300' })).toBe(1);
    expect(value(text, 'bulwark_request_duration_seconds_bucket', { route: '/v1/chat/completions', outcome: 'error', le: '600' })).toBe(1);
  });

  it('times the first token of streams only', async () => {
    const metrics = createMetrics({ models: [] });
    metrics.observeRequest(record({ stream: false, firstByteMs: 10 }), 200, 20);
    metrics.observeRequest(record({ stream: true }), 400, 20);
    const text = await metrics.registry.metrics();
    expect(text).not.toMatch(/^bulwark_time_to_first_token_seconds_count/m);
    expect(text).not.toMatch(/^bulwark_upstream_duration_seconds_count/m);
  });

  it('counts every finding by disposition, and redactions from the findings that were redacted', async () => {
    const metrics = createMetrics({ models: [] });
    metrics.observeRequest(
      record({
        findings: [
          finding('pii.email', 'input', 'redact'),
          finding('pii.email', 'input', 'redact'),
          finding('secret.openai-api-key', 'output', 'redact'),
          finding('injection.instruction-override', 'input', 'would_block'),
          finding('pii.phone', 'output', 'would_redact'),
          finding('pii.ip-address', 'input', 'log'),
        ],
      }),
      200,
      5,
    );
    const text = await metrics.registry.metrics();
    expect(value(text, 'bulwark_redactions_total', { rule: 'pii.email', direction: 'input' })).toBe(2);
    expect(value(text, 'bulwark_redactions_total', { rule: 'secret.openai-api-key', direction: 'output' })).toBe(1);
    expect(value(text, 'bulwark_redactions_total', { rule: 'pii.phone', direction: 'output' })).toBeUndefined();
    expect(value(text, 'bulwark_policy_findings_total', { rule: 'injection.instruction-override', category: 'injection', direction: 'input', disposition: 'would_block' })).toBe(1);
    expect(value(text, 'bulwark_policy_findings_total', { rule: 'pii.phone', category: 'pii', direction: 'output', disposition: 'would_redact' })).toBe(1);
    expect(value(text, 'bulwark_policy_findings_total', { rule: 'pii.ip-address', category: 'pii', direction: 'input', disposition: 'log' })).toBe(1);
  });

  it('counts authentication failures by reason and labels unauthenticated requests role none, model none', async () => {
    const metrics = createMetrics({ models: [] });
    metrics.observeRequest(record({ principal: undefined, role: undefined, denial: 'token_expired', outcome: 'denied' }), 401, 1);
    const text = await metrics.registry.metrics();
    expect(value(text, 'bulwark_auth_failures_total', { reason: 'token_expired' })).toBe(1);
    expect(value(text, 'bulwark_requests_total', { route: '/v1/chat/completions', method: 'POST', status: '401', outcome: 'denied', role: 'none', model: 'none' })).toBe(1);
  });
});
