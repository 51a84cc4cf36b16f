import { rule as featureAbsent } from './feature-absent.js';
import { rule as featureDenied } from './feature-denied.js';
import { rule as featureVariant } from './feature-variant.js';
import { rule as imageReuse } from './image-reuse.js';
import { rule as inconsistentClaim } from './inconsistent-claim.js';
import { rule as inputError } from './input-error.js';
import { rule as missingDisclosure } from './missing-disclosure.js';
import { rule as offerExpired } from './offer-expired.js';
import { rule as prohibitedTerm } from './prohibited-term.js';
import { rule as rangeCycle } from './range-cycle.js';
import type { Rule } from './rule.js';
import { rule as suppressionReason } from './suppression-reason.js';
import { rule as unknownFeature } from './unknown-feature.js';
import { rule as valueMismatch } from './value-mismatch.js';

/** Every rule claimlint knows, in the order `claimlint rules list` shows them. */
export const RULES: Rule[] = [
  featureAbsent,
  featureVariant,
  featureDenied,
  valueMismatch,
  missingDisclosure,
  offerExpired,
  prohibitedTerm,
  inconsistentClaim,
  imageReuse,
  unknownFeature,
  rangeCycle,
  inputError,
  suppressionReason,
];

/** Rules that compare documents: they run once over what every document kept (Rule.keep). */
export const CROSS_DOCUMENT_RULES: Rule[] = RULES.filter((r) => r.meta.crossDocument);

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}
