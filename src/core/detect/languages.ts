import type { Language } from './types';

/** Maps a VS Code language id to the scanner's language (undefined when unknown). */
export function languageFromId(id: string | undefined): Language | undefined {
  switch ((id ?? '').toLowerCase()) {
    case 'python': return 'python';
    case 'scala': return 'scala';
    case 'r': return 'r';
    case 'sql': case 'databricks-sql': case 'sparksql': return 'sql';
    case 'shellscript': case 'sh': case 'bash': case 'shell': return 'shell';
    case 'dotenv': case 'env': case 'properties': return 'env';
    case 'json': case 'jsonc': return 'json';
    case 'yaml': return 'yaml';
    case 'markdown': case 'md': return 'markdown';
    case 'plaintext': return 'plaintext';
    default: return undefined;
  }
}

/** Maps a file name to the scanner's language; `.env`, `.env.local`, `prod.env` are environment files. */
export function languageFromFileName(fileName: string | undefined): Language {
  if (!fileName) return 'plaintext';
  const base = fileName.replace(/^.*[\\/]/, '').toLowerCase();
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'env';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  switch (ext) {
    case 'py': case 'pyw': case 'ipy': return 'python';
    case 'scala': case 'sc': case 'sbt': return 'scala';
    case 'r': return 'r';
    case 'sql': case 'hql': return 'sql';
    case 'sh': case 'bash': case 'zsh': return 'shell';
    case 'properties': case 'ini': case 'cfg': return 'env';
    case 'conf': return 'sparkconf';
    case 'json': return 'json';
    case 'yml': case 'yaml': return 'yaml';
    case 'md': case 'markdown': return 'markdown';
    default: return 'plaintext';
  }
}

/** True for languages in which `dbutils.secrets.get(...)` can be written in place of a literal. */
function usesDbutils(language: Language): boolean {
  return language === 'python' || language === 'scala' || language === 'r';
}

/** The expression that reads a secret, per language; undefined when the language has none. */
export function secretReference(language: Language, scope: string, key: string): string | undefined {
  if (usesDbutils(language)) return `dbutils.secrets.get(scope="${scope}", key="${key}")`;
  if (language === 'sql') return `secret('${scope}', '${key}')`;
  if (language === 'sparkconf') return `{{secrets/${scope}/${key}}}`;
  return undefined;
}

/**
 * Replacement text for a whole string literal whose content is `before + secret + after` (raw source text, quotes
 * given). When the secret is the whole content the literal becomes the reference; otherwise the remaining parts are
 * kept as literals and joined (`+` in Python/Scala, `paste0` in R, `concat` in SQL). Undefined when the language
 * cannot read secrets or a partial replacement is not possible (f-strings, triple quotes, Spark conf).
 */
export function replacementText(
  language: Language,
  scope: string,
  key: string,
  literal: { prefix: string; quote: string; triple: boolean; before: string; after: string },
): string | undefined {
  const ref = secretReference(language, scope, key);
  if (!ref) return undefined;
  if (literal.before === '' && literal.after === '') return ref;
  if (language === 'sparkconf' || literal.triple || /f|s/.test(literal.prefix)) return undefined;
  const q = literal.quote;
  const parts: string[] = [];
  if (literal.before) parts.push(`${literal.prefix}${q}${literal.before}${q}`);
  parts.push(ref);
  if (literal.after) parts.push(`${literal.prefix}${q}${literal.after}${q}`);
  if (language === 'r') return `paste0(${parts.join(', ')})`;
  if (language === 'sql') return `concat(${parts.join(', ')})`;
  return parts.join(' + ');
}
