import type { Confidence } from './types';

/**
 * Detector configuration. The CLI reads it from a JSON file (`--config FILE`); the extension from settings.
 *
 * ```json
 * {
 *   "scope": "my-scope",
 *   "ignoreValues": ["not-a-real-password"],
 *   "ignorePatterns": ["^test-[a-z]+$"],
 *   "ignorePaths": ["test/fixtures/**"],
 *   "disabledRules": ["jwt"],
 *   "maxFileBytes": 2000000,
 *   "minConfidence": "medium"
 * }
 * ```
 */
import { RULES } from './rules';

export interface DetectorConfig {
  /** Scope name written into replacement text. */
  readonly scope: string;
  /** Exact values never reported. */
  readonly ignoreValues: readonly string[];
  /** Regular expressions (JavaScript syntax); a secret matching any is not reported. */
  readonly ignorePatterns: readonly string[];
  /** Globs (relative to the working directory / workspace) of files not scanned at all, e.g. test fixtures. */
  readonly ignorePaths: readonly string[];
  /** Rule ids switched off. */
  readonly disabledRules: readonly string[];
  /** Files larger than this are skipped by the CLI. */
  readonly maxFileBytes: number;
  /** Findings below this confidence are not reported (`low` reports everything). */
  readonly minConfidence: Confidence;
}

/** The confidence levels, lowest first. */
export const CONFIDENCE_LEVELS: readonly Confidence[] = ['low', 'medium', 'high'];

/** Whether `c` is at or above `min`. */
export function atLeast(c: Confidence, min: Confidence): boolean {
  return CONFIDENCE_LEVELS.indexOf(c) >= CONFIDENCE_LEVELS.indexOf(min);
}

export const defaultConfig: DetectorConfig = {
  scope: 'my-scope',
  ignoreValues: [],
  ignorePatterns: [],
  ignorePaths: [],
  disabledRules: [],
  maxFileBytes: 5 * 1024 * 1024,
  minConfidence: 'low',
};

/** Thrown when a configuration object is invalid; the message names the field and the rule. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const FIELDS = ['scope', 'ignoreValues', 'ignorePatterns', 'ignorePaths', 'disabledRules', 'maxFileBytes', 'minConfidence'] as const;

function fail(field: string, rule: string): never {
  throw new ConfigError(`invalid detector configuration: ${field}: ${rule}`);
}

function stringList(input: Record<string, unknown>, field: string): string[] | undefined {
  const v = input[field];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) fail(field, 'must be a list of strings');
  v.forEach((x, i) => typeof x !== 'string' && fail(`${field}.${i}`, 'must be a string'));
  return v as string[];
}

/**
 * Validates an untrusted configuration object (e.g. parsed JSON) and fills in defaults. Hand-written rather than a
 * schema library so the command-line bundle stays small and starts fast.
 */
export function parseConfig(input: unknown): DetectorConfig {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail('(top level)', 'must be a JSON object');
  const o = input as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!(FIELDS as readonly string[]).includes(k)) fail(k, `unknown field (known: ${FIELDS.join(', ')})`);
  if (o.scope !== undefined && (typeof o.scope !== 'string' || !/^[A-Za-z0-9_.-]{1,128}$/.test(o.scope))) {
    fail('scope', 'a scope name is 1-128 characters of letters, digits, "_", "." and "-"');
  }
  const ignorePatterns = stringList(o, 'ignorePatterns');
  ignorePatterns?.forEach((p, i) => {
    try {
      new RegExp(p);
    } catch {
      fail(`ignorePatterns.${i}`, 'must be a valid JavaScript regular expression');
    }
  });
  if (o.maxFileBytes !== undefined && (typeof o.maxFileBytes !== 'number' || !Number.isInteger(o.maxFileBytes) || o.maxFileBytes <= 0)) {
    fail('maxFileBytes', 'must be a positive whole number of bytes');
  }
  if (o.minConfidence !== undefined && !(CONFIDENCE_LEVELS as readonly unknown[]).includes(o.minConfidence)) {
    fail('minConfidence', 'must be "low", "medium" or "high"');
  }
  const disabledRules = stringList(o, 'disabledRules');
  disabledRules?.forEach((id, i) => {
    if (!RULES.some((r) => r.id === id)) fail(`disabledRules.${i}`, `unknown rule id "${id.slice(0, 64)}" (known: ${RULES.map((r) => r.id).join(', ')})`);
  });
  return resolveConfig({
    minConfidence: o.minConfidence as Confidence | undefined,
    scope: o.scope as string | undefined,
    ignoreValues: stringList(o, 'ignoreValues'),
    ignorePatterns,
    ignorePaths: stringList(o, 'ignorePaths'),
    disabledRules,
    maxFileBytes: o.maxFileBytes as number | undefined,
  });
}

/** Fills defaults into a partial configuration (no validation; use `parseConfig` for untrusted input). */
export function resolveConfig(partial: Partial<DetectorConfig> | undefined): DetectorConfig {
  if (!partial) return defaultConfig;
  return {
    scope: partial.scope ?? defaultConfig.scope,
    ignoreValues: partial.ignoreValues ?? defaultConfig.ignoreValues,
    ignorePatterns: partial.ignorePatterns ?? defaultConfig.ignorePatterns,
    ignorePaths: partial.ignorePaths ?? defaultConfig.ignorePaths,
    disabledRules: partial.disabledRules ?? defaultConfig.disabledRules,
    maxFileBytes: partial.maxFileBytes ?? defaultConfig.maxFileBytes,
    minConfidence: partial.minConfidence ?? defaultConfig.minConfidence,
  };
}
