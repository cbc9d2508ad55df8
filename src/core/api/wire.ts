/** Reading HTTP answers: bounded body, JSON objects only, single header values. */

/** Largest answer body read; anything bigger is not a Secrets API answer. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Reads a body as UTF-8, or returns undefined (after destroying the stream) when it exceeds MAX_BODY_BYTES. */
export async function readBody(body: AsyncIterable<Buffer | Uint8Array> & { destroy(): unknown }): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) {
      body.destroy();
      return undefined;
    }
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The body parsed as a JSON object, or undefined for anything else (HTML, text, arrays, bad JSON). */
export function parseJsonObject(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  if (!/^\s*\{/.test(text)) return undefined; // HTML, plain text, arrays: not a Databricks answer
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The first value of a header. */
export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
