import { request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';

/**
 * A request with exactly the headers given, hop-by-hop ones included (fetch refuses to send
 * `connection`, `keep-alive`, `te`, ...), the way an arbitrary client could.
 */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: OutgoingHttpHeaders; body?: string | Buffer; path?: string } = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // `path`: the request-target exactly as sent, where the URL would drop a part of it (a fragment).
    const target = options.path !== undefined ? { path: options.path } : {};
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, ...target }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
