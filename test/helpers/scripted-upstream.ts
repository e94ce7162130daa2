import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Resolves when the connection of this request closes, with the time it did. */
  closed: Promise<number>;
}

/**
 * An upstream stand-in whose answers the test writes by hand, step by step: for what the mock
 * cannot show, like "the client already has the first event while the upstream still holds the rest".
 */
export interface ScriptedUpstream {
  readonly url: string;
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

export type Script = (req: SeenRequest, res: ServerResponse) => void | Promise<void>;

export async function scriptedUpstream(script: Script): Promise<ScriptedUpstream> {
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const closed = new Promise<number>((resolve) => res.once('close', () => resolve(performance.now())));
    const parts: Buffer[] = [];
    req.on('data', (d: Buffer) => parts.push(d));
    req.on('end', () => {
      const record = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(parts), closed };
      seen.push(record);
      void Promise.resolve(script(record, res)).catch(() => res.destroy());
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A promise with its resolve function outside: a gate the test opens. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

export const sse = (data: unknown) => `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

export function chunk(content: string, finish: string | null = null) {
  return {
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'scripted',
    choices: [{ index: 0, delta: finish ? {} : { content }, finish_reason: finish }],
  };
}
