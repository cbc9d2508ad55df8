import type * as Crypto from 'node:crypto';
import { maskSecret } from './mask';
import { RULES } from './rules';
import type { Confidence, Finding, Severity } from './types';

/** A finding located in a file, as the CLI reports it (the secret itself is only ever shown masked). */
export interface FileFinding {
  /** Path relative to the working directory, `/`-separated (or absolute when outside it). */
  readonly path: string;
  readonly finding: Finding;
}

export type SarifLevel = 'error' | 'warning' | 'note';

/** critical/high → error, medium → warning, low → note. */
export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}

/** The level of a finding: high → error, medium → warning, low → note (how sure, not how bad). */
export function confidenceLevel(confidence: Confidence): SarifLevel {
  return confidence === 'high' ? 'error' : confidence === 'medium' ? 'warning' : 'note';
}

const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };

/** The JSON record of one finding: 1-based positions in the raw file, the masked secret, never the secret. */
export function findingRecord({ path, finding: f }: FileFinding): Record<string, unknown> {
  return {
    path,
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    level: confidenceLevel(f.confidence),
    confidence: f.confidence,
    language: f.language,
    context: f.context,
    ...(f.name !== undefined ? { name: f.name } : {}),
    suggestedKey: f.suggestedKey,
    secretPreview: maskSecret(f.secret),
    secretLength: f.secret.length,
    startLine: f.range.start.line + 1,
    startColumn: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    ...(f.replacement ? { replacement: f.replacement.text } : {}),
    ...(f.cell ? { cell: { index: f.cell.index, startLine: f.cell.range.start.line + 1, startColumn: f.cell.range.start.character + 1 } } : {}),
  };
}

function message(f: Finding): string {
  const where = f.name ? ` in "${f.name}"` : '';
  const fix = f.replacement ? ` Replace the literal with ${f.replacement.text}.` : ` Store it in a secret scope (suggested key "${f.suggestedKey}").`;
  return `${f.title}${where}: ${maskSecret(f.secret)}.${fix}`;
}

function toUri(path: string): string {
  if (/^(?:[A-Za-z]:)?\//.test(path) || path.startsWith('\\')) {
    // Each segment escaped whole (`#` and `?` too); a drive letter's colon stays.
    const segments = path.replace(/\\/g, '/').replace(/^(?=[A-Za-z]:)/, '/').split('/');
    return 'file://' + segments.map((s, i) => (i === 1 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s))).join('/');
  }
  return path.split('/').map(encodeURIComponent).join('/');
}

let cryptoModule: typeof Crypto | undefined;

/** node:crypto, loaded on first use: only SARIF output needs it, and loading it costs a text scan ~15 ms. */
function crypto(): typeof Crypto {
  return (cryptoModule ??= require('node:crypto') as typeof Crypto);
}

/**
 * A SARIF 2.1.0 log accepted by GitHub code scanning: one run, the rule catalogue in `tool.driver.rules`, results
 * with `ruleId`, `ruleIndex`, `level`, `message.text`, a physical location with a relative `artifactLocation.uri`
 * and a 1-based region, and a `partialFingerprints` entry from the rule, path, name and masked value (never the
 * position, never more of the secret than the mask shows), numbered only among equal findings. Read errors and
 * `warnings` (files not scanned, or scanned as text) are the invocation's `toolExecutionNotifications`.
 */
export function toSarif(
  findings: readonly FileFinding[],
  toolVersion: string,
  errors: ReadonlyArray<{ path: string; message: string }> = [],
  warnings: ReadonlyArray<{ path: string; message: string }> = [],
): object {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const seen = new Map<string, number>();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'databricks-secrets-scan',
            version: toolVersion,
            semanticVersion: toolVersion,
            informationUri: 'https://github.com/databricks-secrets-dev/databricks-secrets',
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              help: { text: `${r.description} Move the value into a Databricks secret scope and read it with dbutils.secrets.get (Python, Scala, R), secret() (SQL) or {{secrets/scope/key}} (Spark configuration).` },
              defaultConfiguration: { level: sarifLevel(r.severity) },
              properties: { tags: ['security', 'secrets'], precision: 'high', 'security-severity': SECURITY_SEVERITY[r.severity] },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            toolExecutionNotifications: [
              ...errors.map((e) => ({ level: 'error', message: { text: `${e.path}: ${e.message}` } })),
              ...warnings.map((e) => ({ level: 'warning', message: { text: `${e.path}: ${e.message}` } })),
            ],
          },
        ],
        results: findings.map(({ path, finding: f }) => {
          // Not the position (fixing one line would hand its fingerprint to the next) nor the secret: the rule, the
          // file, the name and a hash of what the mask shows; a number tells equal findings apart.
          const base = `${f.ruleId}|${path}|${f.name ?? ''}|${f.context}|${crypto().createHash('sha256').update(maskSecret(f.secret)).digest('hex').slice(0, 16)}`;
          const n = (seen.get(base) ?? 0) + 1;
          seen.set(base, n);
          return {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId) ?? 0,
            level: confidenceLevel(f.confidence),
            message: { text: message(f) },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: toUri(path), ...(/^(?:[A-Za-z]:)?[\\/]/.test(path) ? {} : { uriBaseId: '%SRCROOT%' }) },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
            partialFingerprints: { 'databricksSecretsFinding/v1': crypto().createHash('sha256').update(`${base}|${n}`).digest('hex').slice(0, 32) },
            properties: { confidence: f.confidence, context: f.context, suggestedKey: f.suggestedKey },
          };
        }),
      },
    ],
  };
}

/** One human-readable line per finding: `path:line:col  level  rule  title  preview  → key`. */
export function textLine({ path, finding: f }: FileFinding): string {
  const cell = f.cell ? ` (cell ${f.cell.index}, line ${f.cell.range.start.line + 1})` : '';
  return `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}${cell}  ${f.severity}  ${f.ruleId}  ${f.title}${f.name ? ` "${f.name}"` : ''}  ${maskSecret(f.secret)}  → key "${f.suggestedKey}"`;
}

const GROUP_TITLES: Record<Confidence, string> = {
  high: 'High confidence: provider tokens, private keys, passwords in URLs and connection strings',
  medium: 'Medium confidence: random-looking values at credential-named sites',
  low: 'Low confidence: plain or short values at credential-named sites',
};

/**
 * The text report: findings grouped by confidence (high first), each group under a title with its count and one
 * `textLine` per finding, in the order they were found. Empty groups are left out.
 */
export function groupedText(findings: readonly FileFinding[]): string {
  const out: string[] = [];
  for (const level of ['high', 'medium', 'low'] as const) {
    const group = findings.filter((f) => f.finding.confidence === level);
    if (group.length === 0) continue;
    if (out.length) out.push('');
    out.push(`${GROUP_TITLES[level]} (${group.length})`);
    for (const f of group) out.push(textLine(f));
  }
  return out.length ? out.join('\n') + '\n' : '';
}
