import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorFault } from './errors';

/** Largest request body accepted (a 128 KB value as base64 plus JSON fits easily). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** Bytes of an oversized body read and thrown away so the 413 answer reaches the client; then the socket closes. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;

/** Reads the request body up to {@link MAX_BODY_BYTES}; a larger one throws 413 and drains the rest. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const tooLarge = (): EmulatorFault =>
      new EmulatorFault(413, 'BAD_REQUEST', `Request body is larger than the limit of ${MAX_BODY_BYTES} bytes.`);
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      drain(req);
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.off('end', onEnd);
        drain(req, size);
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(Buffer.concat(chunks));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}

function drain(req: IncomingMessage, already = 0): void {
  let seen = already;
  req.on('data', (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > MAX_DRAIN_BYTES) req.socket.destroy();
  });
  req.resume();
}

/** Sends a JSON answer. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: object,
  headers: Readonly<Record<string, string>> = {},
  closeConnection = false,
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    ...(closeConnection ? { Connection: 'close' } : {}),
    ...headers,
  });
  res.end(text);
}

/** Sends an {@link EmulatorFault} as a Databricks error body. */
export function sendFault(res: ServerResponse, fault: EmulatorFault): void {
  sendJson(res, fault.status, { error_code: fault.errorCode, message: fault.message }, fault.headers, fault.status === 413);
}
