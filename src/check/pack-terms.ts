import type { RulePack, TermRuleDef } from '../config/packs.js';
import { buildTermMatcher, type TermMatcher } from './term-matcher.js';

export interface CompiledTermRule {
  pack: string;
  def: TermRuleDef;
  matcher: TermMatcher;
}

const cache = new WeakMap<RulePack, { prohibited: CompiledTermRule[]; required: CompiledTermRule[] }>();

/** Term rules of the enabled packs, compiled once per pack. */
export function compiledTermRules(packs: RulePack[]): {
  prohibited: CompiledTermRule[];
  required: CompiledTermRule[];
} {
  const prohibited: CompiledTermRule[] = [];
  const required: CompiledTermRule[] = [];
  for (const pack of packs) {
    let c = cache.get(pack);
    if (!c) {
      const compile = (def: TermRuleDef) => ({
        pack: pack.name,
        def,
        matcher: buildTermMatcher(
          def.terms ?? [],
          def.patterns ?? [],
          def.allow ?? [],
          def.allowPatterns ?? [],
        ),
      });
      c = { prohibited: (pack.prohibited ?? []).map(compile), required: (pack.required ?? []).map(compile) };
      cache.set(pack, c);
    }
    prohibited.push(...c.prohibited);
    required.push(...c.required);
  }
  return { prohibited, required };
}

export function packsOf(options: Record<string, unknown>): RulePack[] {
  return (options.packs as RulePack[] | undefined) ?? [];
}
