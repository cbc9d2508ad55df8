/**
 * zod schemas for every Secrets API answer (and the error body). Unknown fields are ignored; missing or null
 * arrays read as empty (Databricks leaves empty lists out); empty strings may be left out too, so `value`
 * and `key` of `get` default to ''.
 */
import { z } from 'zod';

/** A list that may be absent or null in the answer: reads as []. */
function optionalList<T extends z.ZodType>(item: T) {
  return z.array(item).nullish().transform((list) => list ?? []);
}

/** Milliseconds since the epoch; accepted as a JSON number or a decimal string (int64 JSON encodings). */
const timestamp = z.union([
  z.number().finite(),
  z.string().regex(/^-?\d+$/).transform(Number),
]);

const permission = z.enum(['READ', 'WRITE', 'MANAGE']);

const keyVaultMetadata = z.object({ resource_id: z.string(), dns_name: z.string() });

/** `{}` — the answer of every mutation. Any JSON object is accepted. */
export const EmptyResponse = z.object({});

/** `scopes/list`. */
export const ListScopesResponse = z.object({
  scopes: optionalList(z.object({
    name: z.string(),
    backend_type: z.string().nullish().transform((t) => t ?? 'DATABRICKS'),
    keyvault_metadata: keyVaultMetadata.nullish().transform((m) => m ?? undefined),
  })),
});

/** `list`. */
export const ListSecretsResponse = z.object({
  secrets: optionalList(z.object({ key: z.string(), last_updated_timestamp: timestamp })),
});

/** `get`: the value is base64 of the secret's bytes. */
export const GetSecretResponse = z.object({
  key: z.string().nullish().transform((k) => k ?? ''),
  value: z.string()
    .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64')
    .nullish()
    .transform((v) => v ?? ''),
});

/** `acls/get`. */
export const GetAclResponse = z.object({ principal: z.string(), permission });

/** `acls/list`. */
export const ListAclsResponse = z.object({
  items: optionalList(z.object({ principal: z.string(), permission })),
});

/** Databricks error body; `error_code` may be a number on some workspaces. */
export const ErrorBody = z.object({
  error_code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
