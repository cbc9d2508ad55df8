/**
 * Loads the Secrets API client (undici + zod) on first use, so activation stays cheap.
 * Type-only imports of '../core/api' are free; value imports must go through here.
 */
import type * as Api from '../core/api';

export type ApiModule = typeof Api;

let loaded: ApiModule | undefined;
let loading: Promise<ApiModule> | undefined;

/** Returns the client module, loading it the first time. */
export function loadApi(): Promise<ApiModule> {
  loading ??= import('../core/api').then((module) => (loaded = module));
  return loading;
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
