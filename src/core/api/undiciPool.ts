/**
 * undici's connection pool and its promise `request`, loaded on their own. The package's main module also
 * pulls in fetch, WebSocket, EventSource, caching, mocking and the other dispatcher APIs the client never
 * uses; requiring these two modules directly keeps the extension's API bundle at about half the size.
 * The types are those of the public exports.
 */
import type { Dispatcher, Pool as PublicPool } from 'undici';

export type Pool = PublicPool;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const Pool: typeof PublicPool = require('undici/lib/dispatcher/pool');

// eslint-disable-next-line @typescript-eslint/no-require-imports
const apiRequest: (this: Dispatcher, options: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData> = require('undici/lib/api/api-request');

/** `pool.request(options)` of undici's full build: sends one request and resolves with status, headers and body. */
export function poolRequest(pool: Pool, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData> {
  return apiRequest.call(pool, options);
}
