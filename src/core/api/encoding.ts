/** Byte helpers for secret values. */
import { isUtf8 } from 'node:buffer';

// ignoreBOM keeps a leading U+FEFF: it is part of the stored value, not a marker to strip.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * Decodes secret bytes as UTF-8 text; invalid sequences become U+FFFD, and a leading U+FEFF is kept (the bytes
 * come back exactly as stored). See {@link tryDecodeUtf8}.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/**
 * Decodes secret bytes as UTF-8 text (a leading U+FEFF kept), or returns undefined when they are not valid UTF-8
 * (binary values).
 */
export function tryDecodeUtf8(bytes: Uint8Array): string | undefined {
  return isUtf8(bytes) ? decoder.decode(bytes) : undefined;
}

/** Base64 of bytes (standard alphabet, padded), as `bytes_value` expects. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Bytes of a base64 text (standard or URL-safe alphabet) as a plain Uint8Array (not a Buffer). */
export function fromBase64(text: string): Uint8Array {
  const buf = Buffer.from(text, 'base64');
  return new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}
