import type { Confidence, RuleInfo, Severity } from './types';
import { shannonEntropy } from './entropy';
import { isObviouslyNotSecret } from './filters';
import { onlyFillerWords } from './plain';

/**
 * A provider-format rule: runs on a line only when one of its keywords occurs in it (case-insensitive).
 * Every pattern starts at a character-class boundary (lookbehind) and uses bounded quantifiers, so a match attempt
 * is linear in the line and a failed run is never re-scanned from each of its characters.
 */
export interface ProviderRule extends RuleInfo {
  readonly confidence: Confidence;
  /** Lower-case literal keywords for the prefilter. */
  readonly keywords: readonly string[];
  /** Global regex with the `d` flag; the secret is capture group `group` (0 = whole match, -1 = first group that matched). */
  readonly pattern: RegExp;
  readonly group: number;
  /** Key suggested when the secret is not bound to a name. */
  readonly defaultKey: string;
  /** Extra check on the captured secret (entropy, placeholders). */
  readonly accept?: (secret: string, line: string) => boolean;
}

const notPlaceholder = (s: string): boolean => !isObviouslyNotSecret(s);
const entropyAtLeast = (bits: number) => (s: string): boolean => !isObviouslyNotSecret(s) && shannonEntropy(s) >= bits;

/** Passwords inside URLs and connection strings must not be templates, placeholders or `***`. */
const urlPasswordOk = (s: string): boolean => !isObviouslyNotSecret(s) && !/^[*x.]+$/i.test(s) && !s.startsWith('%') && s.length >= 3 && !onlyFillerWords(s);

/** `user:password` text (decoded basic-auth credentials): the password part must pass `urlPasswordOk`. */
function userPasswordOk(text: string): boolean {
  const colon = text.indexOf(':');
  if (colon < 1 || !/^[\x20-\x7e]+$/.test(text)) return false;
  return urlPasswordOk(text.slice(colon + 1)) && !onlyFillerWords(text);
}

/** The base64 value of an HTTP `Basic` header decodes to `user:password` with a real password. */
function basicHeaderOk(s: string): boolean {
  if (s.length % 4 === 1) return false;
  return userPasswordOk(Buffer.from(s, 'base64').toString('latin1'));
}

/**
 * `scheme://host:port;name=value;user=name@server`: what looks like `user:password@` is a SQL Server / Azure SQL
 * JDBC URL's host, port and properties (`user=etl@server` is how the portal writes users), not a password.
 */
const notJdbcProperties = (s: string): boolean => !/^\d{1,5};/.test(s) && !/;\s*[A-Za-z][A-Za-z0-9 ]{0,40}=/.test(s);

/** Provider rules, most specific first (earlier rules win when two findings overlap). */
export const PROVIDER_RULES: readonly ProviderRule[] = [
  {
    id: 'databricks-pat', title: 'Databricks personal access token', severity: 'critical', confidence: 'high',
    description: 'A Databricks personal access token (dapi + 32 hex digits).',
    keywords: ['dapi'], pattern: /(?<![A-Za-z0-9_])dapi[0-9a-f]{32}(?:-\d{1,3})?(?![A-Za-z0-9_])/dg, group: 0, defaultKey: 'databricks-token',
    accept: notPlaceholder,
  },
  {
    id: 'databricks-oauth-secret', title: 'Databricks OAuth client secret', severity: 'critical', confidence: 'high',
    description: 'A Databricks service-principal OAuth secret (dose + 32 hex digits).',
    keywords: ['dose'], pattern: /(?<![A-Za-z0-9_])dose[0-9a-f]{32}(?:-\d{1,3})?(?![A-Za-z0-9_])/dg, group: 0, defaultKey: 'databricks-oauth-secret',
    accept: notPlaceholder,
  },
  {
    id: 'aws-access-key-id', title: 'AWS access key id', severity: 'high', confidence: 'high',
    description: 'An AWS access key id (AKIA/ASIA/ABIA/ACCA + 16 characters); its secret key is usually nearby.',
    keywords: ['akia', 'asia', 'abia', 'acca'], pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/dg, group: 0,
    defaultKey: 'aws-access-key-id', accept: (s) => notPlaceholder(s) && !/EXAMPLE$/.test(s),
  },
  {
    id: 'azure-storage-connection-string', title: 'Azure storage connection string key', severity: 'critical', confidence: 'high',
    description: 'The AccountKey / SharedAccessKey of an Azure connection string.',
    keywords: ['accountkey=', 'sharedaccesskey='], pattern: /(?:AccountKey|SharedAccessKey)=([A-Za-z0-9+/]{20,128}={0,2})(?![A-Za-z0-9+/=])/dgi, group: 1,
    defaultKey: 'azure-storage-connection-key', accept: entropyAtLeast(3.5),
  },
  {
    id: 'azure-sas-token', title: 'Azure shared access signature', severity: 'high', confidence: 'high',
    description: 'The signature of an Azure SAS token (sv=...&sig=...).',
    keywords: ['sig='], pattern: /[?&;"']sig=([A-Za-z0-9%+/]{30,120}(?:%3D|=){0,2})(?![A-Za-z0-9%+/=])/dg, group: 1,
    defaultKey: 'azure-sas-token', accept: (s, line) => /\bsv=\d{4}-\d\d-\d\d/.test(line) && entropyAtLeast(3.5)(s),
  },
  {
    id: 'azure-storage-account-key', title: 'Azure storage account key', severity: 'critical', confidence: 'medium',
    description: 'An 88-character base64 Azure storage account key.',
    keywords: ['=='], pattern: /(?<![A-Za-z0-9+/]|==)[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])/dg, group: 0,
    defaultKey: 'azure-storage-account-key', accept: entropyAtLeast(4.5),
  },
  {
    id: 'github-token', title: 'GitHub token', severity: 'critical', confidence: 'high',
    description: 'A GitHub personal access, OAuth, user-to-server, server-to-server or refresh token.',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/dg, group: 0,
    defaultKey: 'github-token', accept: entropyAtLeast(3.5),
  },
  {
    id: 'slack-token', title: 'Slack token', severity: 'high', confidence: 'high',
    description: 'A Slack bot, user, app or refresh token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-).',
    keywords: ['xox'], pattern: /(?<![A-Za-z0-9_-])xox[baprs]-[0-9]{6,13}-[A-Za-z0-9-]{10,200}(?![A-Za-z0-9_-])/dg, group: 0,
    defaultKey: 'slack-token', accept: notPlaceholder,
  },
  {
    id: 'slack-webhook', title: 'Slack incoming webhook URL', severity: 'medium', confidence: 'high',
    description: 'A Slack incoming-webhook URL (the path is the secret).',
    keywords: ['hooks.slack.com'], pattern: /hooks\.slack\.com\/services\/(T[A-Z0-9]{6,12}\/B[A-Z0-9]{6,12}\/[A-Za-z0-9]{20,32})(?![A-Za-z0-9])/dg, group: 1,
    defaultKey: 'slack-webhook', accept: notPlaceholder,
  },
  {
    id: 'stripe-secret-key', title: 'Stripe secret key', severity: 'critical', confidence: 'high',
    description: 'A Stripe secret or restricted key (sk_live_, rk_live_, sk_test_).',
    keywords: ['k_live_', 'k_test_'], pattern: /(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/dg, group: 0,
    defaultKey: 'stripe-secret-key', accept: entropyAtLeast(3.5),
  },
  {
    id: 'anthropic-api-key', title: 'Anthropic API key', severity: 'critical', confidence: 'high',
    description: 'An Anthropic API key (sk-ant-api03-...).',
    keywords: ['sk-ant-'], pattern: /(?<![A-Za-z0-9_-])sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_-]{80,120}(?![A-Za-z0-9_-])/dg, group: 0,
    defaultKey: 'anthropic-api-key', accept: entropyAtLeast(3.5),
  },
  {
    id: 'openai-api-key', title: 'OpenAI API key', severity: 'critical', confidence: 'high',
    description: 'An OpenAI API key (sk-proj-..., sk-svcacct-..., or legacy sk-...).',
    keywords: ['sk-'],
    pattern: /(?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}|[A-Za-z0-9]{48})(?![A-Za-z0-9_-])/dg,
    group: 0, defaultKey: 'openai-api-key', accept: entropyAtLeast(3.5),
  },
  {
    id: 'jwt', title: 'JSON Web Token', severity: 'medium', confidence: 'medium',
    description: 'A signed JWT (three base64url parts, the first starting eyJ).',
    keywords: ['eyj'], pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,4000}\.eyJ[A-Za-z0-9_-]{10,8000}\.[A-Za-z0-9_-]{16,1000}(?![A-Za-z0-9_-])/dg, group: 0,
    defaultKey: 'jwt', accept: notPlaceholder,
  },
  {
    id: 'bearer-token', title: 'Bearer token in a header', severity: 'high', confidence: 'medium',
    description: 'A literal token after "Bearer " in an Authorization header.',
    keywords: ['bearer '], pattern: /\bBearer[ \t]+([A-Za-z0-9._~+/-]{16,2000}=*)(?![A-Za-z0-9._~+/=-])/dgi, group: 1,
    defaultKey: 'api-token', accept: entropyAtLeast(3.2),
  },
  {
    id: 'jdbc-password', title: 'Password in a JDBC or connection string', severity: 'high', confidence: 'high',
    description: 'A password=... / pwd=... parameter in a JDBC URL or connection string.',
    keywords: ['password=', 'pwd=', 'passwd=', 'jdbc:oracle:', 'oracle.connect(', 'oracledb.connect('],
    // `;password=` (JDBC, ODBC, ADO.NET: `&` may be part of the password), `?password=` / `&password=` (query strings),
    // Oracle's `jdbc:oracle:thin:user/password@host`, or `cx_Oracle.connect("user/password@dsn")` (also oracledb).
    pattern: /;\s*(?:password|pwd|passwd)=([^;'"\s]{1,256})|[?&](?:password|pwd|passwd)=([^&;'"\s#]{1,256})|jdbc:oracle:(?:thin|oci8?):[^/@\s'"]{1,128}\/([^@\s'"]{1,256})@|(?:cx_Oracle|oracledb)\.connect\(\s*["'][^"'/@\s]{1,128}\/([^"'@\s]{1,256})@/dgi, group: -1,
    defaultKey: 'jdbc-password', accept: (s, line) => urlPasswordOk(s) && /[;?&]|jdbc:|server=|host=|data source=|oracle(?:db)?\.connect\(/i.test(line),
  },
  {
    id: 'kafka-jaas-password', title: 'Password in a Kafka JAAS configuration', severity: 'high', confidence: 'high',
    description: 'The password="..." of a Kafka SASL JAAS login module (kafka.sasl.jaas.config).',
    keywords: ['loginmodule'],
    // The inner quotes may be escaped (`password=\"...\"`) when the outer literal uses the same quote.
    pattern: /\bpassword\s*=\s*\\?(["'])([^"'\\\r\n]{1,256})\\?\1/dgi, group: 2,
    defaultKey: 'kafka-password', accept: (s, line) => /LoginModule/i.test(line) && urlPasswordOk(s) && !s.startsWith('$'),
  },
  {
    id: 'url-password', title: 'Password in a URL', severity: 'high', confidence: 'high',
    description: 'The password of scheme://user:password@host.',
    keywords: ['://'],
    // Anchored on the literal `://` (the scheme is checked by a lookbehind), so long runs of letters cost nothing.
    pattern: /:\/\/(?<=(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/)[^\s:/?#@'"`]{0,256}:([^\s/?#@'"`]{1,256})@/dg, group: 1,
    defaultKey: 'url-password', accept: (s) => urlPasswordOk(s) && notJdbcProperties(s),
  },
  {
    id: 'netrc-password', title: 'Password in .netrc text', severity: 'high', confidence: 'high',
    description: 'The password of a .netrc-style "machine HOST login USER password PASSWORD" entry, in a file or a string.',
    keywords: ['machine '], pattern: /\bmachine[ \t]+[^\s"'\\]{1,253}[ \t]+login[ \t]+[^\s"'\\]{1,128}[ \t]+password[ \t]+([^\s"'\\]{1,256})/dgi, group: 1,
    defaultKey: 'netrc-password', accept: urlPasswordOk,
  },
  {
    id: 'basic-auth-header', title: 'Basic-auth credentials in a header', severity: 'high', confidence: 'high',
    description: 'The base64 value after "Basic " that decodes to user:password.',
    keywords: ['basic '], pattern: /\bBasic[ \t]+([A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=_-])/dg, group: 1,
    defaultKey: 'basic-auth', accept: basicHeaderOk,
  },
  {
    id: 'basic-auth-password', title: 'Password in user:password text being base64-encoded', severity: 'high', confidence: 'high',
    description: 'The password of a literal "user:password" passed to b64encode, encodeBase64, encodeToString, btoa or base64_enc (basic auth by hand).',
    keywords: ['b64encode', 'encodebase64', 'encodetostring', 'encodebytes', 'btoa(', 'base64enc', 'base64_enc', 'base64encode'],
    pattern: /(?:b64encode|encodebytes|encodeBase64(?:String)?|encodeToString|btoa|base64_?enc(?:ode)?)\s*\(\s*(?:b|charToRaw\(\s*)?(["'])[^"':\s\\]{1,128}:([^"'\s\\]{1,256})\1/dgi, group: 2,
    defaultKey: 'basic-auth-password', accept: urlPasswordOk,
  },
];

/** Rules implemented outside the provider table (multi-line keys and credential-named sites). */
export const SITE_RULES: readonly RuleInfo[] = [
  { id: 'private-key', title: 'PEM private key', severity: 'critical', description: 'A PEM-encoded private key block.' },
  { id: 'gcp-service-account-key', title: 'GCP service-account private key', severity: 'critical', description: 'The private_key of a Google Cloud service-account JSON key.' },
  { id: 'aws-secret-access-key', title: 'AWS secret access key', severity: 'critical', description: 'A 40-character AWS secret access key bound to an AWS/secret name.' },
  { id: 'generic-password', title: 'Hardcoded password', severity: 'high', description: 'A literal password assigned to or passed as a password-named variable, argument, option or key.' },
  { id: 'generic-secret', title: 'Hardcoded secret or token', severity: 'high', description: 'A high-entropy literal bound to a token/secret/key-named variable, argument, option or key.' },
];

/** Every rule, for SARIF `tool.driver.rules` and documentation. */
export const RULES: readonly RuleInfo[] = [
  ...PROVIDER_RULES.map(({ id, title, severity, description }) => ({ id, title, severity, description })),
  ...SITE_RULES,
];

const RULE_BY_ID = new Map(RULES.map((r) => [r.id, r]));

/** Looks a rule up by id (throws on unknown ids: a programming error). */
export function ruleInfo(id: string): RuleInfo {
  const r = RULE_BY_ID.get(id);
  if (!r) throw new Error(`unknown rule id ${id}`);
  return r;
}

/** Keywords that make the site analysis (credential-named sites, PEM blocks) run on a line (plus `<x>key`, see engine.ts). */
export const SITE_KEYWORDS: readonly string[] = [
  'pass', 'pwd', 'secret', 'token', 'auth', 'credential', 'creds', 'sas', 'sig', 'identified', 'connstr', 'connection',
  'bearer', '-----begin', 'pw', 'apikey', 'login(',
];
