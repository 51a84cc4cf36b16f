import type { Formatter } from './format.js';
import { json } from './json.js';
import { stylish } from './stylish.js';

export const FORMATTERS: Record<string, Formatter> = { stylish, json };

export function formatterNames(): string[] {
  return Object.keys(FORMATTERS);
}
