import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMac, intakeMac } from '../../../proxy/audit/chain.ts';
import { finalValues, idFloor, incompleteValues, intakeValues, ruleCounts, timeOrderedId } from '../../../proxy/audit/rows.ts';
import type { RequestRecord } from '../../../proxy/request-record.ts';

const mac = createMac(undefined);
const record = (over: Partial<RequestRecord> = {}): RequestRecord => ({
  requestId: 'req-1',
  method: 'POST',
  route: '/v1/chat/completions',
  startedAt: 0,
  receivedAt: Date.parse('2025-05-01T10:00:00.000Z'),
  clientIp: '10.1.2.3',
  stream: true,
  findings: [],
  principal: 'alice',
  role: 'agent',
  keyId: 'abc123',
  ...over,
});

describe('audit row values', () => {
  it('counts rule ids per direction and keeps nothing else of a finding', () => {
    const f = (ruleId: string, direction: 'input' | 'output') => ({ ruleId, category: 'pii', direction, disposition: 'redact' as const, messageIndex: 3, start: 17, end: 42 });
    expect(ruleCounts([])).toBeNull();
    const counts = ruleCounts([f('pii.email', 'input'), f('pii.email', 'input'), f('pii.iban', 'output')]);
    expect(JSON.parse(counts!)).toEqual({ input: { 'pii.email': 2 }, output: { 'pii.iban': 1 } });
    expect(counts).not.toMatch(/17|42|redact/);
  });

  it('builds the intake row with a MAC over its fields, and the final row from the record', () => {
    const intake = intakeValues(record(), '4bf92f3577b34da6a3ce929d0e0e4736', 'host/sha256', mac);
    expect(intake).toMatchObject({ ts: '2025-05-01T10:00:00.000Z', request_id: 'req-1', principal: 'alice', key_id: 'abc123', client_ip: '10.1.2.3', stream: null, outcome: 'pending' });
    expect(intake.intake_mac).toBe(intakeMac(mac, intake));
    const done = finalValues(intake, record({ outcome: 'redacted', model: 'gpt-4o', usage: { input: 3, output: 4 }, firstByteMs: 10.6, upstreamStatus: 200 }), 200, 99.4, new Date('2025-05-01T10:00:01Z'));
    expect(done).toMatchObject({ stream: 1, outcome: 'redacted', model: 'gpt-4o', input_tokens: 3, output_tokens: 4, first_byte_ms: 11, duration_ms: 99, status: 200, seq: null, hash: null });
    expect(incompleteValues(intake, new Date())).toMatchObject({ outcome: 'incomplete', principal: 'alice', stream: null, model: null, status: null });
  });

  it('makes ids that sort by arrival time (UUIDv7), with floors for time ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.integer({ min: 1, max: 2 ** 20 }), (t, gap) => {
        const [a, b] = [timeOrderedId(t), timeOrderedId(t + gap)];
        expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(a < b).toBe(true);
        expect(idFloor(t) <= a && a < idFloor(t + 1)).toBe(true);
      }),
    );
    expect(intakeValues(record(), null, 'c', mac).id.startsWith(idFloor(Date.parse('2025-05-01T10:00:00.000Z')).slice(0, 13))).toBe(true);
  });

  it('clips client-chosen names so a row stays small', () => {
    const intake = intakeValues(record({ route: `/v1/${'a'.repeat(5000)}` }), null, 'c', mac);
    expect(intake.route.length).toBe(256);
    expect(finalValues(intake, record({ model: 'm'.repeat(5000) }), 200, 1, new Date()).model!.length).toBe(256);
  });
});
