import type { Location } from '../types.js';
import type { FindingDraft, Rule, RuleContext } from './rule.js';
import { availabilityIn, featureLabel } from './spec-lookup.js';

export const meta = {
  id: 'image-reuse',
  severity: 'error',
  description: 'an image matches a registered asset that depicts a feature the product lacks',
  docs: 'docs/rules/image-reuse.md',
  pack: 'recommended',
} as const;

/** A scanned image that is perceptually the same picture as a registered asset. */
export interface AssetMatch {
  uri: string;
  parentUri?: string;
  location: Location;
  asset: { file: string; depicts: string[] };
  distance: number;
}

export function check(ctx: RuleContext): FindingDraft[] {
  const matches = (ctx.options.assetMatches as AssetMatch[] | undefined) ?? [];
  const out: FindingDraft[] = [];
  for (const m of matches) {
    for (const key of m.asset.depicts) {
      const feature = ctx.spec.features.get(key);
      if (!feature?.availability) continue;
      const all = ctx.spec.variants.map((v) => v.id);
      if (!availabilityIn(feature, all).every((a) => a === 'absent')) continue;
      out.push({
        message: `this image is the registered asset ${m.asset.file} (distance ${m.distance} of 256 bits), which depicts ${featureLabel(ctx.claimContext, key)}; spec revision ${ctx.spec.revision} marks ${key} absent (${feature.specPath})${m.parentUri ? `; shown on ${m.parentUri}` : ''}`,
        feature: key,
        claimed: `depicted (${m.asset.file})`,
        expected: 'absent',
        specPath: feature.specPath,
        uri: m.uri,
        ...(m.parentUri ? { parentUri: m.parentUri } : {}),
        location: m.location,
        asset: { file: m.asset.file, distance: m.distance, depicts: m.asset.depicts },
        identity: `${m.asset.file} ${key}`,
      });
    }
  }
  return out;
}

export const rule: Rule = { meta, check };
