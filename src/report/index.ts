import type { Formatter } from './format.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { escapeBidiJson, redactDeep, showBidi } from './safe-text.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

/**
 * Every format writes what it shows without credentials in URLs (a report read back from a file
 * by merge or baseline may predate the redaction in buildReport) and with bidirectional controls
 * visible: escaped in JSON (the same value), shown as [U+202E] in text a person reads.
 */
function safe(format: Formatter, clean: (out: string) => string): Formatter {
  return (report, context) => clean(format(redactDeep(report), context));
}

export const FORMATTERS: Record<string, Formatter> = {
  stylish: safe(stylish, showBidi),
  json: safe(json, escapeBidiJson),
  sarif: safe(sarif, escapeBidiJson),
  junit: safe(junit, showBidi),
  html: safe(html, showBidi),
  markdown: safe(markdown, showBidi),
  github: safe(github, showBidi),
};

export function formatterNames(): string[] {
  return Object.keys(FORMATTERS);
}
