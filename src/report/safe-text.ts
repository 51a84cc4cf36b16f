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

/** Every string in a value (a report, a finding), credentials redacted; other values as they are. */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactCredentials(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v);
    return out as T;
  }
  return value;
}

/** Bidirectional formatting characters: marks, embeddings, overrides and isolates. */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const codePoint = (c: string) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/** Bidi controls shown as `[U+202E]`: for text a person reads (terminal, Markdown, HTML). */
export function showBidi(text: string): string {
  return text.replace(BIDI, (c) => `[U+${codePoint(c)}]`);
}

/** Bidi controls as JSON escapes (`\u202e`): the same JSON value, but no raw control in the file. */
export function escapeBidiJson(json: string): string {
  return json.replace(BIDI, (c) => `\\u${codePoint(c).toLowerCase()}`);
}
