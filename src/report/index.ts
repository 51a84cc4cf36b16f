import type { Formatter } from './format.js';
import { github } from './github.js';
import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import { markdown } from './markdown.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export const FORMATTERS: Record<string, Formatter> = { stylish, json, sarif, junit, html, markdown, github };

export function formatterNames(): string[] {
  return Object.keys(FORMATTERS);
}
