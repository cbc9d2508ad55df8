/**
 * zod schemas for every Secrets API answer (and the error body). Unknown fields are ignored; missing or null
 * arrays read as empty (Databricks leaves empty lists out); empty strings may be left out too, so `value`
 * and `key` of `get` default to ''. Written with `zod/mini`, the tree-shakable build of zod 4: the same
 * parser, a fraction of the bundle.
 */
import * as z from 'zod/mini';

/** A list that may be absent or null in the answer: reads as []. */
function optionalList<T extends z.ZodMiniType>(item: T) {
  return z.pipe(z.nullish(z.array(item)), z.transform((list) => list ?? []));
}

/** A string that may be absent or null: reads as `fallback`. */
function optionalString(fallback: string) {
  return z.pipe(z.nullish(z.string()), z.transform((s) => s ?? fallback));
}

/** Milliseconds since the epoch; accepted as a JSON number or a decimal string (int64 JSON encodings). */
const timestamp = z.union([
  z.number(),
  z.pipe(z.string().check(z.regex(/^-?\d+$/)), z.transform(Number)),
]);

const permission = z.enum(['READ', 'WRITE', 'MANAGE']);

const keyVaultMetadata = z.object({ resource_id: z.string(), dns_name: z.string() });

/** `{}` — the answer of every mutation. Any JSON object is accepted. */
export const EmptyResponse = z.object({});

/** `scopes/list`. */
export const ListScopesResponse = z.object({
  scopes: optionalList(z.object({
    name: z.string(),
    backend_type: optionalString('DATABRICKS'),
    keyvault_metadata: z.pipe(z.nullish(keyVaultMetadata), z.transform((m) => m ?? undefined)),
  })),
});

/** `list`. */
export const ListSecretsResponse = z.object({
  secrets: optionalList(z.object({ key: z.string(), last_updated_timestamp: timestamp })),
});

/** `get`: the value is base64 of the secret's bytes. */
export const GetSecretResponse = z.object({
  key: optionalString(''),
  value: z.pipe(
    z.nullish(z.string().check(z.regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'expected base64'))),
    z.transform((v) => v ?? ''),
  ),
});

/** `acls/get`. */
export const GetAclResponse = z.object({ principal: z.string(), permission });

/** `acls/list`. */
export const ListAclsResponse = z.object({
  items: optionalList(z.object({ principal: z.string(), permission })),
});

/** Databricks error body; `error_code` may be a number on some workspaces. */
export const ErrorBody = z.object({
  error_code: z.nullish(z.union([z.string(), z.number()])),
  message: z.nullish(z.string()),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
