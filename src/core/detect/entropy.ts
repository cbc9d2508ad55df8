const ASCII_COUNTS = new Int32Array(128);

/** Shannon entropy in bits per character of `s` (0 for the empty string). */
export function shannonEntropy(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let ascii = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      ascii = false;
      break;
    }
    ASCII_COUNTS[c]++;
  }
  let h = 0;
  if (ascii) {
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      const k = ASCII_COUNTS[c];
      if (k === 0) continue; // already counted
      const p = k / n;
      h -= p * Math.log2(p);
      ASCII_COUNTS[c] = 0;
    }
    return h;
  }
  ASCII_COUNTS.fill(0);
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  for (const k of counts.values()) {
    const p = k / n;
    h -= p * Math.log2(p);
  }
  return h;
}

/** True when the value is one character repeated, or at most two distinct characters over 6+ characters (`abababab`). */
export function isRepetitive(s: string): boolean {
  if (s.length === 0) return true;
  const first = s.charCodeAt(0);
  let second = -1;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === first || c === second) continue;
    if (second === -1) second = c;
    else return false;
  }
  return second === -1 || s.length >= 6;
}

/** True for ascending or descending runs such as `abcdef`, `123456`, `987654`, and keyboard rows like `qwerty`. */
export function isSequence(s: string): boolean {
  const lower = s.toLowerCase();
  if (lower.length >= 4 && (KEYBOARD.includes(lower) || ALPHANUM.includes(lower))) return true;
  if (s.length < 4) return false;
  let up = true;
  let down = true;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (d !== 1) up = false;
    if (d !== -1) down = false;
    if (!up && !down) return false;
  }
  return true;
}

const KEYBOARD = 'qwertyuiopasdfghjklzxcvbnm1234567890';
const ALPHANUM = 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz';
