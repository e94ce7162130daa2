import type { Context, Next } from 'hono';
import type { AppEnv } from '../env.ts';
import type { AuditRecorder } from './recorder.ts';

/** Probes are not traffic: a load balancer polling them would bury the trail. Everything else is audited. */
const UNAUDITED = new Set(['/healthz', '/readyz']);

/**
 * First, right after the request context: every audited request is taken in, so even one refused
 * by authentication leaves a row (written when its response is over).
 */
export function auditBegin(recorder: AuditRecorder) {
  return async function auditBegin(c: Context<AppEnv>, next: Next) {
    const record = c.get('record');
    if (!UNAUDITED.has(record.route)) recorder.begin(record, record.traceId ?? null);
    await next();
  };
}

/**
 * After authentication, before any route: the intake row, with the principal, is in the store
 * before anything goes upstream. In closed mode a store that refuses it means a 503.
 */
export function auditIntake(recorder: AuditRecorder) {
  return async function auditIntake(c: Context<AppEnv>, next: Next) {
    await recorder.admit(c.get('record'));
    await next();
  };
}
