import { detect } from './scan';
import type { DetectOptions, Finding } from './types';

/**
 * Caches findings per document by content version (e.g. VS Code's `document.version`), so the editor rescans a
 * document only when it changes. Keeps at most `capacity` documents (least recently used are dropped).
 */
export class DetectionCache {
  private readonly entries = new Map<string, { version: number; options: DetectOptions; findings: readonly Finding[] }>();

  constructor(private readonly capacity = 64) {}

  /** Findings for `uri` at `version`, scanning `text()` only when the version (or options object) changed. */
  get(uri: string, version: number, text: () => string, options: DetectOptions = {}): readonly Finding[] {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version && hit.options === options) {
      this.entries.delete(uri);
      this.entries.set(uri, hit);
      return hit.findings;
    }
    const findings = detect(text(), options);
    this.entries.delete(uri);
    this.entries.set(uri, { version, options, findings });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return findings;
  }

  /** Forgets a document (e.g. when it is closed). */
  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }
}
