import { createMockUpstream } from '../proxy/mock-upstream/server.ts';
import { serveUntilStopped } from './child-ipc.ts';

/** Child process: the mock upstream alone on its own event loop. Reports its origin (no `/v1`). */
const mock = await createMockUpstream({ host: '127.0.0.1', port: 0 });
serveUntilStopped(new URL(mock.baseUrl).origin, () => mock.close());
