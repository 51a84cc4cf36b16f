import { rule as featureAbsent } from './feature-absent.js';
import { rule as featureVariant } from './feature-variant.js';
import { rule as inputError } from './input-error.js';
import type { Rule } from './rule.js';
import { rule as unknownFeature } from './unknown-feature.js';
import { rule as valueMismatch } from './value-mismatch.js';

/** Every rule claimlint knows, in the order `claimlint rules list` shows them. */
export const RULES: Rule[] = [featureAbsent, featureVariant, valueMismatch, unknownFeature, inputError];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
