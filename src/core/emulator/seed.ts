import { createHash } from 'node:crypto';
import { KeyVaultMetadata, Permission, ScopeRecord } from './model';

/** Groups of the demo workspace and their members (the default plain user is a data engineer). */
export const DEMO_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'data-engineers': ['user@example.com'],
  'data-scientists': ['scientist@example.com'],
  analysts: ['analyst@example.com'],
};

interface DemoScope {
  name: string;
  keyVault?: KeyVaultMetadata;
  keys: string[];
  acls: Record<string, Permission>;
}

/** Scopes of the demo workspace: names, keys and ACLs. Values are generated (fake, deterministic). */
export const DEMO_SCOPES: readonly DemoScope[] = [
  {
    name: 'data-platform',
    keys: [
      'jdbc-url', 'jdbc-username', 'jdbc-password', 'storage-account-name', 'storage-account-key',
      'service-principal-client-id', 'service-principal-secret', 'tenant-id', 'kafka-bootstrap-servers',
      'kafka-sasl-password', 'snowflake-user', 'snowflake-password',
    ],
    acls: { 'admin@example.com': 'MANAGE', 'data-engineers': 'READ', 'data-scientists': 'READ' },
  },
  {
    name: 'ml-models',
    keys: [
      'mlflow-tracking-token', 'huggingface-token', 'openai-api-key', 'feature-store-password',
      's3-access-key-id', 's3-secret-access-key', 'model-registry-webhook-secret',
    ],
    acls: { 'admin@example.com': 'MANAGE', 'data-scientists': 'MANAGE' },
  },
  {
    name: 'etl-prod',
    keys: [
      'postgres-host', 'postgres-user', 'postgres-password', 'salesforce-client-id', 'salesforce-client-secret',
      'salesforce-refresh-token', 'sftp-username', 'sftp-private-key', 'adls-sas-token', 'eventhub-connection-string',
      'github-deploy-token',
    ],
    acls: { 'admin@example.com': 'MANAGE', 'data-engineers': 'WRITE' },
  },
  {
    name: 'analytics-dev',
    keys: ['tableau-password', 'powerbi-client-secret', 'looker-api-secret', 'redshift-password', 'slack-webhook-url'],
    acls: { 'admin@example.com': 'MANAGE', analysts: 'WRITE', users: 'READ' },
  },
  {
    name: 'azure-kv-prod',
    keyVault: {
      resource_id:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-data-prod/providers/Microsoft.KeyVault/vaults/kv-data-prod',
      dns_name: 'https://kv-data-prod.vault.azure.net/',
    },
    keys: ['cosmosdb-primary-key', 'sql-admin-password', 'app-insights-key', 'servicebus-connection-string'],
    acls: { 'admin@example.com': 'MANAGE', 'data-engineers': 'READ' },
  },
  {
    name: 'shared-services',
    keys: ['smtp-password', 'pagerduty-integration-key', 'datadog-api-key', 'jira-api-token'],
    acls: { 'admin@example.com': 'MANAGE', users: 'READ' },
  },
  { name: 'sandbox', keys: [], acls: { users: 'MANAGE' } },
];

/** Builds the demo workspace's scopes with fake values; `now` stamps the keys (spread over the past weeks). */
export function demoScopes(now: number): ScopeRecord[] {
  return DEMO_SCOPES.map((scope) => ({
    name: scope.name,
    backendType: scope.keyVault ? 'AZURE_KEYVAULT' : 'DATABRICKS',
    keyVault: scope.keyVault ? { ...scope.keyVault } : undefined,
    acls: new Map(Object.entries(scope.acls)),
    secrets: new Map(
      scope.keys.map((key, i) => [
        key,
        { value: Buffer.from(fakeValue(scope.name, key), 'utf8'), lastUpdated: now - (i + 1) * 36 * 3600 * 1000 },
      ]),
    ),
  }));
}

/** A plausible-looking but fake value, derived from the scope and key so every run gives the same data. */
function fakeValue(scope: string, key: string): string {
  const hex = createHash('sha256').update(`${scope}/${key}`).digest('hex');
  if (key.endsWith('-url') && key.startsWith('jdbc')) return `jdbc:postgresql://demo-db.example.com:5432/${scope.replace(/-/g, '_')}`;
  if (key.endsWith('-url')) return `https://hooks.example.com/demo/${hex.slice(0, 24)}`;
  if (key.endsWith('-host') || key.endsWith('-servers')) return `demo-${key.split('-')[0]}.example.com:5432`;
  if (key.endsWith('-user') || key.endsWith('-username')) return `svc_${scope.replace(/-/g, '_')}`;
  if (key.endsWith('-id')) return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  if (key.endsWith('-name')) return `demo${hex.slice(0, 10)}`;
  if (key.endsWith('-private-key')) return `-----FAKE DEMO KEY-----\n${Buffer.from(hex).toString('base64')}\n-----END FAKE DEMO KEY-----\n`;
  if (key.endsWith('connection-string')) return `Endpoint=sb://demo.example.com/;SharedAccessKeyName=demo;SharedAccessKey=DEMO${hex.slice(0, 28)}`;
  return `demo-${hex.slice(0, 32)}`;
}
