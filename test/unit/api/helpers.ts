/** Test helpers: a raw node:http server for faults the emulator cannot produce, and a fast client factory. */
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SecretsClient, ValidationError, type ApiLogger, type SecretsClientOptions } from '../../../src/core/api';

/** One request as the raw server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** Index of the TCP connection it came on (0-based, in order of connection). */
  connection: number;
  at: number;
}

export interface RawServer {
  url: string;
  requests: SeenRequest[];
  connections: number;
  close(): Promise<void>;
}

/** Handler: answer `res`, or leave it hanging, or destroy `req.socket`. `n` is the 0-based request index. */
export type RawHandler = (req: IncomingMessage, res: ServerResponse, body: string, n: number) => void;

/** Starts a node:http server on 127.0.0.1 that records every request and lets `handler` answer. */
export async function startRawServer(handler: RawHandler): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const connectionIds = new WeakMap<Socket, number>();
  const state: RawServer = {
    url: '',
    requests: [],
    connections: 0,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const n = state.requests.length;
      state.requests.push({
        method: req.method ?? '', url: req.url ?? '', headers: req.headers, body,
        connection: connectionIds.get(req.socket) ?? -1, at: Date.now(),
      });
      handler(req, res, body, n);
    });
  });
  server.on('connection', (socket: Socket) => {
    connectionIds.set(socket, state.connections++);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

/** Sends a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends a non-JSON answer. */
export function text(res: ServerResponse, status: number, body: string, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export const ADMIN_TOKEN = 'dapi-local-admin';
export const USER_TOKEN = 'dapi-local-user';

/** A logger that keeps every line. */
export function memoryLogger(): ApiLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (msg: string): void => {
    lines.push(`${level} ${msg}`);
  };
  return { lines, debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

/** A client with short waits suitable for tests. */
export function testClient(host: string, token: string = ADMIN_TOKEN, extra: Partial<SecretsClientOptions> = {}): SecretsClient {
  return new SecretsClient({
    host,
    token: async () => token,
    timeoutMs: 2_000,
    deadlineMs: 5_000,
    maxRetries: 3,
    retryPolicy: { baseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 2_000 },
    ...extra,
  });
}

/** Awaits `promise` and returns what it rejected with; fails if it resolved. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/** The ValidationError `fn` throws (before any request); fails the test when it throws nothing or something else. */
export function refusal(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ValidationError, `expected ValidationError, got ${String(err)}`);
    return err;
  }
  throw new Error('expected a ValidationError');
}

/**
 * Call inside a `describe`: returns `setup(handler)`, which starts a raw server with a client for it; every server and
 * client started in a test is closed after it.
 */
export function rawServerClients(token = 'dapi-test-token-0123456789'): {
  (handler: RawHandler, extra?: Parameters<typeof testClient>[2]): Promise<{ server: RawServer; client: SecretsClient }>;
  /** Closes a server and client the test started itself after it, like the others. */
  track(server: RawServer, client: SecretsClient): void;
} {
  const open: { server: RawServer; client: SecretsClient }[] = [];
  afterEach(async () => {
    for (const { server, client } of open.splice(0)) {
      await client.close();
      await server.close();
    }
  });
  const setup = async (handler: RawHandler, extra: Parameters<typeof testClient>[2] = {}): Promise<{ server: RawServer; client: SecretsClient }> => {
    const server = await startRawServer(handler);
    const client = testClient(server.url, token, extra);
    open.push({ server, client });
    return { server, client };
  };
  return Object.assign(setup, { track: (server: RawServer, client: SecretsClient) => void open.push({ server, client }) });
}
