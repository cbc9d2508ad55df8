import { z } from 'zod';

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
 *   "maxFileBytes": 2000000
 * }
 * ```
 */
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
}

export const defaultConfig: DetectorConfig = {
  scope: 'my-scope',
  ignoreValues: [],
  ignorePatterns: [],
  ignorePaths: [],
  disabledRules: [],
  maxFileBytes: 5 * 1024 * 1024,
};

const scopeName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,128}$/, 'a scope name is 1-128 characters of letters, digits, "_", "." and "-"');

const validRegex = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'must be a valid JavaScript regular expression');

const schema = z
  .object({
    scope: scopeName.optional(),
    ignoreValues: z.array(z.string()).optional(),
    ignorePatterns: z.array(validRegex).optional(),
    ignorePaths: z.array(z.string()).optional(),
    disabledRules: z.array(z.string()).optional(),
    maxFileBytes: z.number().int().positive().optional(),
  })
  .strict();

/** Thrown when a configuration object is invalid; the message names the field and the rule. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates an untrusted configuration object (e.g. parsed JSON) and fills in defaults. */
export function parseConfig(input: unknown): DetectorConfig {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.length ? issue.path.join('.') : '(top level)';
    throw new ConfigError(`invalid detector configuration: ${field}: ${issue.message}`);
  }
  return resolveConfig(result.data);
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
  };
}
