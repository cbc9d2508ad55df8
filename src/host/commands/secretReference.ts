/** The forms a secret reference takes (no `vscode` import: plain functions, unit-tested). */
export type ReferenceFormat = 'python' | 'scala' | 'r' | 'sql' | 'spark';

/** Every format, in the order the Copy Secret Reference QuickPick lists them. */
export const REFERENCE_FORMATS: readonly ReferenceFormat[] = ['python', 'scala', 'r', 'sql', 'spark'];

function quoted(text: string, quote: '"' | "'"): string {
  return text.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`);
}

/**
 * The code that reads secret `key` of `scope`:
 * Python `dbutils.secrets.get(scope="s", key="k")`, Scala and R `dbutils.secrets.get(scope = "s", key = "k")`,
 * SQL `secret('s', 'k')`, Spark configuration / cluster environment `{{secrets/s/k}}`.
 */
export function secretReference(format: ReferenceFormat, scope: string, key: string): string {
  switch (format) {
    case 'python':
      return `dbutils.secrets.get(scope="${quoted(scope, '"')}", key="${quoted(key, '"')}")`;
    case 'scala':
    case 'r':
      return `dbutils.secrets.get(scope = "${quoted(scope, '"')}", key = "${quoted(key, '"')}")`;
    case 'sql':
      return `secret('${scope.split("'").join("''")}', '${key.split("'").join("''")}')`;
    case 'spark':
      return `{{secrets/${scope}/${key}}}`;
  }
}

/**
 * The reference format for an editor language id (a notebook cell's language included): python, scala, r and
 * sql have their own; everything else (properties, JSON, YAML, shell, plain text…) gets the Spark configuration form.
 */
export function formatForLanguage(languageId: string): ReferenceFormat {
  switch (languageId.toLowerCase()) {
    case 'python':
    case 'jupyter':
      return 'python';
    case 'scala':
      return 'scala';
    case 'r':
      return 'r';
    case 'sql':
    case 'databricks-sql':
    case 'sparksql':
      return 'sql';
    default:
      return 'spark';
  }
}
