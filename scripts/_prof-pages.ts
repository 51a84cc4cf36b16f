import { generatePage } from '../bench/generate-pages.js';
import { buildClaimContext } from '../src/claims/context.js';
import { bundledClaimData } from '../src/data/claim-data.js';
import { processTextDocument } from '../src/pipeline/process.js';
import { loadSpec } from '../src/spec/load.js';

const spec = await loadSpec('examples/aion-ut-super/spec.yaml');
const ctx = buildClaimContext(bundledClaimData(), spec as never);
const pages = Array.from({ length: 200 }, (_, i) => new Uint8Array(Buffer.from(generatePage(i))));
for (let i = 0; i < 20; i++)
  processTextDocument({ uri: `p${i}.html`, kind: 'html', bytes: pages[i]!, sha256: '' }, ctx);
const t = performance.now();
const c0 = process.cpuUsage();
for (let i = 0; i < 200; i++)
  processTextDocument({ uri: `p${i}.html`, kind: 'html', bytes: pages[i]!, sha256: '' }, ctx);
const c = process.cpuUsage(c0);
console.log(
  'ms/page',
  ((performance.now() - t) / 200).toFixed(2),
  'cpu ms/page',
  ((c.user + c.system) / 1000 / 200).toFixed(2),
);
