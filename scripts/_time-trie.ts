import { generatePage } from '../bench/generate-pages.js';
import { buildLexicon } from '../src/claims/lexicon.js';
import { normalizeText } from '../src/claims/normalize-text.js';
import { bundledClaimData } from '../src/data/claim-data.js';
import { referenceFind } from '../test/helpers/reference-lexicon-regex.js';

const data = bundledClaimData();
let t = performance.now();
const lex = buildLexicon(data.lexicon, data.catalog);
console.log('build', (performance.now() - t).toFixed(1));
const texts = Array.from({ length: 50 }, (_, i) => normalizeText(generatePage(i)).text);
const terms = [
  ...new Set(
    data.lexicon
      .flatMap((f) => [...(f.ignore ?? []), ...Object.values(f.features).flatMap((e) => e.terms ?? [])])
      .map((x) => normalizeText(x).text.trim()),
  ),
].filter(Boolean);
t = performance.now();
for (const x of texts) lex.find(x);
console.log('trie ms/page', ((performance.now() - t) / 50).toFixed(2));
t = performance.now();
for (const x of texts.slice(0, 10)) referenceFind(terms, x);
console.log('regex ms/page', ((performance.now() - t) / 10).toFixed(2));
