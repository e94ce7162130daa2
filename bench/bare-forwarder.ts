import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';
import { serveUntilStopped } from './child-ipc.ts';

/**
 * Child process: the least a Node.js reverse proxy can do — node:http in, undici out, the body
 * and the answer piped through, no routing, auth, scanning, audit, metrics or logs. Not a
 * product: the bench's floor. Its cost over a direct call is what any Node.js proxy pays for
 * the extra hop on this machine; Bulwark's own work is what pass-through adds above it.
 * argv[2]: the upstream origin.
 */
const upstream = new Pool(process.argv[2]!, { connections: 64, pipelining: 1 });
/** Headers that describe one connection, not the message: never forwarded. */
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'content-length']);
const forward = (headers: Record<string, string | string[] | undefined>) =>
  Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP.has(name))) as Record<string, string | string[]>;

const server = createServer(async (req, res) => {
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await upstream.request({ method: req.method as 'POST', path: req.url!, headers: forward(req.headers), body: Buffer.concat(chunks) });
    res.writeHead(answer.statusCode, forward(answer.headers));
    for await (const chunk of answer.body) res.write(chunk);
    res.end();
  } catch {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  }
});
server.listen(0, '127.0.0.1');
await once(server, 'listening');
serveUntilStopped(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, async () => {
  server.close();
  await upstream.close();
});
