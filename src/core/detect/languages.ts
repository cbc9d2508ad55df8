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
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env') || base === '.databrickscfg') return 'env';
  if (base === '.envrc' || base === '.bashrc' || base === '.zshrc' || base === '.profile' || base === '.bash_profile') return 'shell';
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

/** A piece of a literal's content: raw source text kept as a literal, or a secret read by its key. */
export type LiteralSegment = { readonly text: string } | { readonly key: string };

/**
 * Replacement text for a whole string literal whose content is `segments` (raw source text and secrets, quotes
 * given). A lone secret becomes the reference; otherwise the text parts are kept as literals and joined with the
 * references (`+` in Python/Scala, `paste0` in R, `concat` in SQL). Undefined when the language cannot read secrets
 * or a partial replacement is not possible (f-strings, triple quotes, Spark conf).
 */
export function replacementText(
  language: Language,
  scope: string,
  literal: { readonly prefix: string; readonly quote: string; readonly triple: boolean },
  segments: readonly LiteralSegment[],
): string | undefined {
  if (!secretReference(language, scope, 'k')) return undefined;
  if (segments.length === 1 && 'key' in segments[0]) return secretReference(language, scope, segments[0].key);
  if (language === 'sparkconf' || literal.triple || /f|s/.test(literal.prefix)) return undefined;
  const q = literal.quote;
  const parts = segments.map((s) => ('key' in s ? secretReference(language, scope, s.key)! : `${literal.prefix}${q}${s.text}${q}`));
  if (language === 'r') return `paste0(${parts.join(', ')})`;
  if (language === 'sql') return `concat(${parts.join(', ')})`;
  return parts.join(' + ');
}
