import type { HttpBindings } from '@hono/node-server';
import type { Principal } from './auth/principal.ts';
import type { RequestRecord } from './request-record.ts';

/** The typed Hono environment: `c.get('record')` and friends are typed everywhere. */
export type AppEnv = {
  /** Absent when the app is driven with `app.request()` in tests instead of a real server. */
  Bindings: Partial<HttpBindings>;
  Variables: {
    requestId: string;
    record: RequestRecord;
    /** Set by the authenticate middleware on every route behind it. */
    principal: Principal;
  };
};
