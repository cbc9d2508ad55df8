/**
 * databricks-secrets-scan: finds hardcoded credentials in notebooks and scripts.
 *
 *   databricks-secrets-scan [--format text|json|sarif] [--min-confidence low|medium|high] [--exclude GLOB]... [--config FILE] PATH...
 *
 * Exit status: 0 nothing found, 1 findings, 2 usage or read error. Secrets are never printed whole.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { ConfigError, defaultConfig, matchesAnyGlob, parseConfig, type Confidence, type DetectorConfig } from '../core/detect';
import { findingRecord, groupedText, toSarif, type FileFinding } from '../core/detect/report';
import { FileScanner } from '../core/detect/fileScan';
import { walk } from '../core/detect/walk';
import { PRODUCT_VERSION } from '../core/version';
import { tuneV8ForShortRun } from './v8Tuning';

const USAGE = `Usage: databricks-secrets-scan [--format text|json|sarif] [--min-confidence low|medium|high] [--exclude GLOB]... [--config FILE] PATH...

Scans files and directories for hardcoded credentials (Databricks tokens, cloud keys, passwords in URLs and
JDBC strings, credential-named variables) in Python, Scala, R, SQL, Databricks source notebooks, Jupyter .ipynb
and .env files. Directories are walked honouring .gitignore; .git, binaries and large files are skipped.

Options:
  --format FORMAT   text (default), json or sarif (SARIF 2.1.0 for GitHub code scanning)
  --min-confidence LEVEL
                    report findings of this confidence and above: low (default; plain or short values at
                    credential-named sites), medium (random-looking values there) or high (provider tokens,
                    private keys, passwords in URLs and connection strings); wins over the config file's minConfidence
  --exclude GLOB    skip paths matching GLOB (relative to the working directory); repeatable
  --config FILE     JSON configuration: scope, ignoreValues, ignorePatterns, ignorePaths, disabledRules, maxFileBytes,
                    minConfidence
  -h, --help        show this help
  -V, --version     show the version

Exit status: 0 nothing found, 1 credentials found, 2 usage or read error.`;

type Format = 'text' | 'json' | 'sarif';

interface Args {
  readonly format: Format;
  readonly minConfidence?: Confidence;
  readonly excludes: string[];
  readonly configFile?: string;
  readonly paths: string[];
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Args | 'help' | 'version' {
  let format: Format = 'text';
  const excludes: string[] = [];
  let configFile: string | undefined;
  let minConfidence: Confidence | undefined;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '-h' || flag === '--help') return 'help';
    if (flag === '-V' || flag === '--version') return 'version';
    else if (flag === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'json' && f !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got "${f}")`);
      format = f;
    } else if (flag === '--min-confidence') {
      const c = value();
      if (c !== 'low' && c !== 'medium' && c !== 'high') throw new UsageError(`--min-confidence must be low, medium or high (got "${c}")`);
      minConfidence = c;
    } else if (flag === '--exclude') excludes.push(value());
    else if (flag === '--config') configFile = value();
    else if (flag === '--') paths.push(...argv.slice(i + 1)), (i = argv.length);
    else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
    else paths.push(a);
  }
  if (paths.length === 0) throw new UsageError('no PATH given');
  return { format, minConfidence, excludes, configFile, paths };
}

function loadConfig(file: string | undefined, cwd: string): DetectorConfig {
  if (!file) return defaultConfig;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8').replace(/^\uFEFF/, ''); // editors on Windows may write a BOM
  } catch (e) {
    throw new UsageError(`cannot read config file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // Only where: V8's message quotes the text around the fault, and the file may list values to ignore.
    const at = /at position (\d+)/.exec((e as Error).message);
    const where = at ? ` (line ${text.slice(0, Number(at[1])).split('\n').length}, column ${Number(at[1]) - text.lastIndexOf('\n', Number(at[1]) - 1)})` : '';
    throw new UsageError(`config file ${file} is not valid JSON${where}`);
  }
  try {
    return parseConfig(json);
  } catch (e) {
    if (e instanceof ConfigError) throw new UsageError(`${file}: ${e.message}`);
    throw e;
  }
}

function displayPath(abs: string, cwd: string): string {
  const r = relative(cwd, abs);
  return r.startsWith('..') || r === '' ? abs.split(sep).join('/') : r.split(sep).join('/');
}

/** Why a file was not scanned, in words. */
function skipMessage(reason: string, maxFileBytes: number, detail?: string): string {
  switch (reason) {
    case 'too-large': return `larger than maxFileBytes (${maxFileBytes} bytes)`;
    case 'binary': return 'binary file (NUL bytes)';
    case 'broken-link': return 'symbolic link to nothing';
    case 'link-loop': return detail ? `link to a folder already scanned (${detail})` : 'symbolic link loop';
    default: return reason;
  }
}

/** Runs the scanner; returns the exit status. Output goes through the given writers (for tests). */
export function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void, cwd = process.cwd()): number {
  let args: Args | 'help' | 'version';
  let config: DetectorConfig;
  try {
    args = parseArgs(argv);
    if (args === 'help') {
      out(USAGE + '\n');
      return 0;
    }
    if (args === 'version') {
      out(`databricks-secrets-scan ${PRODUCT_VERSION}\n`);
      return 0;
    }
    config = loadConfig(args.configFile, cwd);
    if (args.minConfidence) config = { ...config, minConfidence: args.minConfidence };
  } catch (e) {
    if (e instanceof UsageError) {
      err(`databricks-secrets-scan: ${e.message}\n${USAGE.split('\n')[0]}\n`);
      return 2;
    }
    throw e;
  }
  const excludeGlobs = [...args.excludes, ...config.ignorePaths];
  const findings: FileFinding[] = [];
  const errors: Array<{ path: string; message: string }> = [];
  /** Files left out for a reason the person should hear (excluded files are only counted). */
  const notices: Array<{ path: string; reason: string; message: string }> = [];
  /** Files scanned, but not as their kind (a notebook read as text). */
  const warnings: Array<{ path: string; message: string }> = [];
  let scanned = 0;
  let skipped = 0;
  const skip = (path: string, reason: string, message: string): void => {
    skipped++;
    notices.push({ path, reason, message });
    if (args.format === 'text') err(`databricks-secrets-scan: skipped ${path}: ${message}\n`);
  };
  const scanner = new FileScanner(config);
  for (const entry of walk(args.paths, { maxFileBytes: config.maxFileBytes, excluded: (p) => excludeGlobs.length > 0 && matchesAnyGlob(p, excludeGlobs), cwd })) {
    if (entry.kind === 'error') {
      const path = displayPath(resolve(cwd, entry.path), cwd);
      errors.push({ path, message: entry.message });
      err(`databricks-secrets-scan: cannot read ${path}: ${entry.message}\n`);
      continue;
    }
    const path = displayPath(entry.path, cwd);
    if (entry.kind === 'skipped') {
      if (entry.reason === 'excluded') skipped++;
      else skip(path, entry.reason, skipMessage(entry.reason, config.maxFileBytes, entry.detail));
      continue;
    }
    const result = scanner.scan(entry.path);
    if (result.kind === 'error') {
      errors.push({ path, message: result.message });
      err(`databricks-secrets-scan: cannot read ${path}: ${result.message}\n`);
    } else if (result.kind === 'binary' || result.kind === 'too-large') skip(path, result.kind, skipMessage(result.kind, config.maxFileBytes));
    else {
      scanned++;
      if (result.note) {
        warnings.push({ path, message: result.note });
        if (args.format === 'text') err(`databricks-secrets-scan: ${path}: ${result.note}\n`);
      }
      for (const finding of result.findings) findings.push({ path, finding });
    }
  }
  if (args.format === 'sarif') out(JSON.stringify(toSarif(findings, PRODUCT_VERSION, errors, [...notices.map((n) => ({ path: n.path, message: `not scanned: ${n.message}` })), ...warnings]), null, 2) + '\n');
  else if (args.format === 'json') out(JSON.stringify({ version: PRODUCT_VERSION, scannedFiles: scanned, skippedFiles: skipped, findings: findings.map(findingRecord), skipped: notices, warnings, errors }, null, 2) + '\n');
  else {
    out(groupedText(findings));
    const files = new Set(findings.map((f) => f.path)).size;
    const levels = (['high', 'medium', 'low'] as const).map((c) => `${findings.filter((f) => f.finding.confidence === c).length} ${c}`).join(', ');
    const shown = config.minConfidence === 'low' ? '' : `; below ${config.minConfidence} not shown`;
    err(`${findings.length} finding${findings.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${scanned} scanned, ${skipped} skipped): ${levels}${shown}\n`);
  }
  if (errors.length) return 2;
  return findings.length ? 1 : 0;
}

if (require.main === module) {
  tuneV8ForShortRun();
  // `scan ... | head -1`: the reader went away; stop quietly, as command-line tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  process.exitCode = main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
}
