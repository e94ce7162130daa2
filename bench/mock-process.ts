import type { MockBehaviour } from '../proxy/mock-upstream/behaviour.ts';
import { createMockUpstream } from '../proxy/mock-upstream/server.ts';
import { serveUntilStopped } from './child-ipc.ts';

/**
 * Child process: the mock upstream alone on its own event loop. Reports its origin (no `/v1`).
 * argv[2], optional: server-wide behaviour as JSON, for what request headers cannot carry (a
 * reply longer than a header may be).
 */
const behaviour = JSON.parse(process.argv[2] ?? '{}') as Partial<MockBehaviour>;
const mock = await createMockUpstream({ ...behaviour, host: '127.0.0.1', port: 0 });
serveUntilStopped(new URL(mock.baseUrl).origin, () => mock.close());
