/**
 * Public types of the credential detector. The engine is pure: text in, findings out; nothing here touches the
 * file system or VS Code. Positions are 0-based (like VS Code's `Position`) and ranges are end-exclusive.
 */

/** A 0-based line/character position (character counted in UTF-16 code units, like VS Code). */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** An end-exclusive range. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Languages the line scanner understands. Containers (notebooks, .ipynb) are resolved to these per cell. */
export type Language = 'python' | 'scala' | 'r' | 'sql' | 'shell' | 'env' | 'json' | 'yaml' | 'sparkconf' | 'markdown' | 'plaintext';

/** How sure the rule is that the value is a live secret. */
export type Confidence = 'high' | 'medium' | 'low';

/** How bad a leak of this kind of secret is. Maps to SARIF levels: critical/high → error, medium → warning, low → note. */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/** Where the secret sits syntactically. */
export type ContextKind =
  | 'assignment'
  | 'keyword-argument'
  | 'dict-entry'
  | 'spark-conf'
  | 'jdbc-option'
  | 'url'
  | 'comparison'
  | 'environment'
  | 'bare-literal';

/** The text that replaces the whole string literal holding the secret (quotes included). */
export interface Replacement {
  /** Range of the whole literal (quotes and string prefix included) in the scanned text's coordinates. */
  readonly range: Range;
  /** e.g. `dbutils.secrets.get(scope="my-scope", key="db-password")`, `secret('my-scope', 'k')`, `{{secrets/my-scope/k}}`. */
  readonly text: string;
}

/** Position of a finding inside a Jupyter notebook cell (only for `.ipynb`). */
export interface CellLocation {
  /** Index into the notebook's `cells` array (markdown cells count too). */
  readonly index: number;
  /** Range of the secret inside the cell's joined source text. */
  readonly range: Range;
  /** Range of the replaced literal inside the cell's source, when there is a replacement. */
  readonly replacementRange?: Range;
  /** Replacement text for the cell's source (unescaped; `Finding.replacement.text` is JSON-escaped for the raw file). */
  readonly replacementText?: string;
}

/** One detected hardcoded credential. */
export interface Finding {
  /** Stable rule id, e.g. `databricks-pat`, `generic-password` (see `RULES`). */
  readonly ruleId: string;
  /** Human title of the rule. */
  readonly title: string;
  readonly severity: Severity;
  readonly confidence: Confidence;
  /** Range of the secret value only (for a URL or JDBC string: just the password), in the raw text given to `detect`. */
  readonly range: Range;
  /** Language the containing line was scanned as (for notebooks: the cell's language). */
  readonly language: Language;
  readonly context: ContextKind;
  /** The variable, argument or config name the secret was bound to, when there is one. */
  readonly name?: string;
  /** Suggested secret key, always matching `^[A-Za-z0-9_.-]{1,128}$`. */
  readonly suggestedKey: string;
  /** Replacement for the whole literal, when the secret sits in a string literal of a language that can read secrets. */
  readonly replacement?: Replacement;
  /** Only for `.ipynb`: the cell and the in-cell positions. */
  readonly cell?: CellLocation;
  /**
   * The secret value itself. Callers must never print, log or send it: use `maskSecret` for display.
   * It is here so the editor can store it in a secret scope.
   */
  readonly secret: string;
}

/** Options for `detect`. */
export interface DetectOptions {
  /** VS Code language id (`python`, `scala`, `r`, `sql`, `dotenv`, `jupyter`, ...). Wins over the file name's extension. */
  readonly languageId?: string;
  /** File name or path; selects the language and container (`.ipynb`, Databricks source notebooks, `.env`). */
  readonly fileName?: string;
  /** Detector configuration (defaults from `defaultConfig`). */
  readonly config?: Partial<import('./config').DetectorConfig>;
}

/** Rule metadata, e.g. for SARIF `tool.driver.rules`. */
export interface RuleInfo {
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly description: string;
}
