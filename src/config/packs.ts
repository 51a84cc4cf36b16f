import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { packagePath } from '../data/package-root.js';
import { ConfigError } from '../errors.js';
import type { SeverityOrOff } from '../types.js';
import { nearest } from '../util/nearest.js';
import { readUserFile } from '../util/read-text.js';
import { validateSchema } from '../util/schema.js';
import { parseStructured } from '../util/structured-file.js';

export interface TermRuleDef {
  id: string;
  severity?: 'error' | 'warning' | 'info';
  languages?: ('zh' | 'en')[];
  message: string;
  reference?: string;
  docs?: string;
  terms?: string[];
  patterns?: string[];
  allow?: string[];
  allowPatterns?: string[];
  when?: string[];
}

/** Words or regular expressions (normalised text, case-insensitive). */
export interface WordsDef {
  terms?: string[];
  patterns?: string[];
}

/** A disclosure a triggered rule requires: found by its words, or by every one of `allOf`. */
export interface RequiredItemDef extends WordsDef {
  id: string;
  label: string;
  allOf?: WordsDef[];
  /** required only on pages that say this */
  when?: WordsDef;
}

/**
 * A regulation's "triggering terms" rule: a page that states one of `triggers` (in the `context`)
 * must also state each item of `require`, anywhere on the page (a legal footnote counts).
 */
export interface TriggeredRuleDef {
  id: string;
  key: string;
  severity?: 'error' | 'warning' | 'info';
  message: string;
  reference?: string;
  docs?: string;
  context?: { is?: WordsDef; isNot?: WordsDef; default?: boolean };
  triggers: (WordsDef & { id: string; label: string })[];
  require: RequiredItemDef[];
}

export interface RulePack {
  name: string;
  description?: string;
  file: string;
  rules?: Record<string, SeverityOrOff>;
  prohibited?: TermRuleDef[];
  required?: TermRuleDef[];
  triggered?: TriggeredRuleDef[];
}

export const BUILT_IN_PACKS = [
  'recommended',
  'cn-ad-law',
  'en-claims',
  'cn-consumer',
  'us-reg-m',
  'us-reg-z',
  'range-cycle',
];
export const DEFAULT_PACKS = ['recommended'];

/**
 * A pack file, checked against the schema. `bundled` skips the schema: the packs shipped in
 * rules/packs are checked by a test, and compiling the schema on every run costs start-up time.
 */
export function parsePack(text: string, file: string, options: { bundled?: boolean } = {}): RulePack {
  const parsed = parseStructured(text);
  if (parsed.problems.length) throw new ConfigError(file, parsed.problems, `${file}: not valid YAML or JSON`);
  const problems = options.bundled ? [] : validateSchema('rule-pack', parsed.data, parsed);
  // A regex that does not compile must be reported where it is written, not crash the scan.
  const data = parsed.data as Omit<RulePack, 'file'>;
  for (const kind of ['prohibited', 'required'] as const) {
    (data?.[kind] ?? []).forEach((rule, i) => {
      for (const field of ['patterns', 'allowPatterns'] as const) {
        (rule[field] ?? []).forEach((p, j) => {
          try {
            new RegExp(p, 'iu');
          } catch (error) {
            problems.push({
              path: `/${kind}/${i}/${field}/${j}`,
              message: `not a valid regular expression: ${(error as Error).message}`,
              ...parsed.locate([kind, i, field, j]),
            });
          }
        });
      }
    });
  }
  (data?.triggered ?? []).forEach((rule, i) => {
    const check = (patterns: string[] | undefined, path: (string | number)[]) =>
      (patterns ?? []).forEach((p, j) => {
        try {
          new RegExp(p, 'iu');
        } catch (error) {
          problems.push({
            path: `/${[...path, j].join('/')}`,
            message: `not a valid regular expression: ${(error as Error).message}`,
            ...parsed.locate([...path, j]),
          });
        }
      });
    const base = ['triggered', i];
    check(rule.context?.is?.patterns, [...base, 'context', 'is', 'patterns']);
    check(rule.context?.isNot?.patterns, [...base, 'context', 'isNot', 'patterns']);
    rule.triggers?.forEach((t, j) => {
      check(t.patterns, [...base, 'triggers', j, 'patterns']);
    });
    rule.require?.forEach((r, j) => {
      check(r.patterns, [...base, 'require', j, 'patterns']);
      check(r.when?.patterns, [...base, 'require', j, 'when', 'patterns']);
      r.allOf?.forEach((a, k) => {
        check(a.patterns, [...base, 'require', j, 'allOf', k, 'patterns']);
      });
    });
  });
  if (problems.length) throw new ConfigError(file, problems);
  return { ...data, file };
}

/** Built-in packs by name (rules/packs/NAME.yaml), the user's own by path. */
export async function loadPacks(names: string[], configFile?: string): Promise<RulePack[]> {
  const packs: RulePack[] = [];
  for (const name of names) {
    const builtIn = /^[a-z][a-z0-9-]*$/.test(name);
    const file = builtIn ? packagePath('rules', 'packs', `${name}.yaml`) : name;
    if (!existsSync(file)) {
      const guess = builtIn ? nearest(name, BUILT_IN_PACKS) : undefined;
      throw new ConfigError(configFile ?? file, [
        {
          path: '/packs',
          message: builtIn ? `unknown pack "${name}"` : `pack file not found: ${name}`,
          hint: guess ? `did you mean "${guess}"?` : `built-in packs: ${BUILT_IN_PACKS.join(', ')}`,
        },
      ]);
    }
    const text = builtIn ? await readFile(file, 'utf8') : await readUserFile(file, 'rule pack');
    packs.push(parsePack(text, file, { bundled: builtIn }));
  }
  return packs;
}

/**
 * Severity of every rule: what the packs enable (later packs win), then the config's overrides.
 * input-error is always on: an unread input must never pass silently.
 */
export function resolveSeverities(
  packs: RulePack[],
  overrides: Record<string, SeverityOrOff> = {},
  allRuleIds: string[] = [],
): Record<string, SeverityOrOff> {
  const result: Record<string, SeverityOrOff> = Object.fromEntries(
    allRuleIds.map((id) => [id, 'off' as const]),
  );
  result['input-error'] = 'error';
  for (const pack of packs) {
    for (const [id, s] of Object.entries(pack.rules ?? {})) result[id] = s;
    if (pack.prohibited?.length && result['prohibited-term'] === 'off') result['prohibited-term'] = 'error';
    if ((pack.required?.length || pack.triggered?.length) && result['missing-disclosure'] === 'off')
      result['missing-disclosure'] = 'error';
  }
  return { ...result, ...overrides };
}
