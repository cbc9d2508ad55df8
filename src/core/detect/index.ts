/**
 * Credential detector: the public API used by the CLI (`src/cli/scan.ts`) and the editor features.
 *
 * ```ts
 * import { detect, maskSecret } from './core/detect';
 * for (const f of detect(text, { fileName: 'etl.py', config: { scope: 'prod' } })) {
 *   report(f.ruleId, f.range.start.line, maskSecret(f.secret), f.replacement?.text);
 * }
 * ```
 * `Finding.secret` holds the value so it can be stored in a secret scope; never print or log it.
 */
export { detect } from './scan';
export { DetectionCache } from './cache';
export { maskSecret } from './mask';
export { RULES, ruleInfo } from './rules';
export { defaultConfig, parseConfig, resolveConfig, ConfigError, atLeast, CONFIDENCE_LEVELS, type DetectorConfig } from './config';
export { suggestKey, SECRET_KEY_PATTERN } from './keys';
export { secretReference, languageFromFileName, languageFromId } from './languages';
export { globToRegExp, matchesAnyGlob } from './glob';
export type { Finding, DetectOptions, Range, Position, Replacement, CellLocation, ContextKind, Confidence, Severity, Language, RuleInfo } from './types';
