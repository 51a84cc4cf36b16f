/**
 * What a report must not carry as it came: credentials written into a URL (`user:pass@host`) and
 * Unicode bidirectional controls, which can make a line read differently from what it holds
 * (U+202E turns the rest of a line around: "Trojan Source").
 */

const CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+(?:@[^\s/?#@"'<>]*)*@/gi;

/** `https://user:secret@host/` -> `https://***@host/`, anywhere in a text. */
export function redactCredentials(text: string): string {
  return text.includes('@') ? text.replace(CREDENTIALS, '$1***@') : text;
}

/**
 * Every string in a value (a report, a finding), credentials redacted; other values as they are.
 * What holds no credential is returned as it is, not copied: a report of 10,000 pages was copied
 * whole, twice (when built and when formatted), for the few URLs that hold one.
 */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactCredentials(value) as T;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const r = redactDeep(v);
      if (r !== v) {
        out ??= value.slice();
        out[i] = r;
      }
    }
    return (out ?? value) as T;
  }
  if (value && typeof value === 'object') {
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(value)) {
      const r = redactDeep(v);
      if (r !== v) {
        out ??= { ...(value as Record<string, unknown>) };
        out[k] = r;
      }
    }
    return (out ?? value) as T;
  }
  return value;
}

/** Bidirectional formatting characters: marks, embeddings, overrides and isolates. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const HAS_BIDI = new RegExp(BIDI.source);

const codePoint = (c: string) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** Bidi controls shown as `[U+202E]`: for text a person reads (terminal, Markdown, HTML). */
export function showBidi(text: string): string {
  return text.replace(BIDI, (c) => `[U+${codePoint(c)}]`);
}

/** Bidi controls as JSON escapes (`\u202e`): the same JSON value, but no raw control in the file. */
export function escapeBidiJson(json: string): string {
  // Looked for first: a report almost never holds one, and replacing over a 40 MB report with a
  // callback took ten times as long as finding none.
  return HAS_BIDI.test(json) ? json.replace(BIDI, (c) => `\\u${codePoint(c).toLowerCase()}`) : json;
}
