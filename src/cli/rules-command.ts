import { existsSync, readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { findRule, RULES } from '../check/index.js';
import { packagePath } from '../data/package-root.js';
import { UsageError } from '../errors.js';
import { nearest } from '../util/nearest.js';
import type { Io } from './io.js';

export function registerRules(cli: Argv, io: Io): Argv {
  return cli.command(
    'rules [action] [id]',
    'list the rules, or explain one',
    (y) =>
      y
        .positional('action', { choices: ['list', 'explain'] as const, default: 'list' })
        .positional('id', { type: 'string', describe: 'rule id, for explain' }),
    (args) => {
      if (args.action === 'explain') {
        const id = args.id as string | undefined;
        if (!id) throw new UsageError('which rule?', 'claimlint rules explain feature-absent');
        const rule = findRule(id);
        if (!rule) {
          const guess = nearest(
            id,
            RULES.map((r) => r.meta.id),
          );
          throw new UsageError(
            `unknown rule "${id}"`,
            guess ? `did you mean "${guess}"?` : 'claimlint rules list',
          );
        }
        const docs = packagePath(rule.meta.docs);
        io.stdout(
          existsSync(docs) ? readFileSync(docs, 'utf8') : `${rule.meta.id}: ${rule.meta.description}\n`,
        );
        return;
      }
      const width = Math.max(...RULES.map((r) => r.meta.id.length));
      for (const r of RULES) {
        io.stdout(
          `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(7)}  ${r.meta.pack.padEnd(11)}  ${r.meta.description}\n`,
        );
      }
    },
  );
}
