/** What may be shown of a secret: at most its first 4 characters, then its length (`dapi… (36 chars)`). */
export function maskSecret(secret: string): string {
  const head = secret.length > 8 ? secret.slice(0, 4) : secret.slice(0, Math.min(2, Math.floor(secret.length / 4)));
  return `${head}… (${secret.length} chars)`;
}
