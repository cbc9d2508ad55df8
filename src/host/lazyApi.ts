/**
 * Loads the Secrets API client (undici + zod/mini, about 220 KB minified) on first use, so activation stays cheap.
 * Type-only imports of '../core/api' are free; every value must come through here.
 *
 * In the packaged extension the client is its own bundle, `dist/api.js`, next to `dist/extension.js` (see
 * esbuild.mjs); run from tsc output (integration tests) it is `out/src/core/api`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as Api from '../core/api';

export type ApiModule = typeof Api;

/** The client bundle built next to the extension bundle. */
const BUNDLED_API = join(__dirname, 'api.js');

let loaded: ApiModule | undefined;

/** Returns the client module, loading it the first time. */
export async function loadApi(): Promise<ApiModule> {
  if (!loaded) {
    // createRequire keeps esbuild from inlining the client into the extension bundle.
    const load = createRequire(__filename);
    loaded = (existsSync(BUNDLED_API) ? load(BUNDLED_API) : load('../core/api')) as ApiModule;
  }
  return loaded;
}

/**
 * True when `error` is the client's ApiError. An ApiError can only exist once the module is loaded,
 * so an unloaded module means "no".
 */
export function isApiError(error: unknown): error is Api.ApiError {
  return loaded !== undefined && error instanceof loaded.ApiError;
}

/** True when `error` is the client's ValidationError (bad input caught before any request). */
export function isValidationError(error: unknown): error is Api.ValidationError {
  return loaded !== undefined && error instanceof loaded.ValidationError;
}
