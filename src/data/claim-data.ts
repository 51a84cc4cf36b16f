import type { ClaimData } from '../claims/context.js';
import type { CuesFile } from '../claims/cues.js';
import type { LexiconFile } from '../claims/lexicon.js';
import type { PlacesFile } from '../claims/places.js';
import { readBundledYaml } from './bundled.js';
import { featureCatalog, unitsData } from './catalog.js';

export const LEXICON_LANGUAGES = ['en', 'zh-Hans'] as const;

/** The bundled data of rules/ that claim extraction needs. */
export function bundledClaimData(): ClaimData {
  return {
    lexicon: LEXICON_LANGUAGES.map((lang) =>
      readBundledYaml<LexiconFile>('rules', 'features', `${lang}.yaml`),
    ),
    catalog: featureCatalog(),
    cues: readBundledYaml<CuesFile>('rules', 'features', 'cues.yaml'),
    units: unitsData(),
    places: readBundledYaml<PlacesFile>('rules', 'places', 'cn-cities.yaml'),
  };
}
