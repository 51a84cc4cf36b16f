// npm run eval [-- --verbose] [-- FILTER]: precision and recall of claimlint's reading on test/corpus.
import { evaluateCorpus, precision, recall, type Tally, total } from '../test/corpus/evaluate.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const filter = args.find((a) => !a.startsWith('-'));

const row = (name: string, t: Tally) =>
  `  ${name.padEnd(22)} ${precision(t).toFixed(3)}  ${recall(t).toFixed(3)}   tp ${String(t.tp).padStart(3)}  fp ${String(t.fp).padStart(3)}  fn ${String(t.fn).padStart(3)}`;

const result = await evaluateCorpus(filter ? (id) => id.includes(filter) : undefined);
if (verbose) {
  for (const d of result.documents) {
    if (!d.claimMisses.length && !d.claimExtras.length && !d.findingMisses.length && !d.findingExtras.length)
      continue;
    console.log(`\n${d.id}`);
    for (const m of d.claimMisses) console.log(`  missed claim   ${JSON.stringify(m)}`);
    for (const c of d.claimExtras)
      console.log(
        `  extra claim    ${c.polarity === 'negated' ? 'NOT ' : ''}${c.feature}${c.value !== undefined ? `=${c.value}` : ''} ${c.product ?? ''} [${c.variants?.join(',') ?? 'all'}] "${c.evidence.text.slice(c.evidence.span[0], c.evidence.span[1])}" in "${c.evidence.text.slice(0, 80)}"`,
      );
    for (const m of d.findingMisses) console.log(`  missed finding ${JSON.stringify(m)}`);
    for (const f of d.findingExtras)
      console.log(
        `  extra finding  ${f.ruleId} ${f.feature ?? ''} ${f.variant ?? ''}: ${f.message.slice(0, 160)}`,
      );
  }
  console.log('');
}
console.log(
  `claimlint evaluation: ${result.documents.length} documents${result.skipped.length ? `, ${result.skipped.length} skipped (real pages absent)` : ''}`,
);
console.log('claims                   precision recall');
for (const [k, t] of Object.entries(result.claims).sort()) console.log(row(k, t));
console.log(row('all claims', total(result.claims)));
console.log('findings                 precision recall');
for (const [k, t] of Object.entries(result.findings).sort()) console.log(row(k, t));
console.log(row('all findings', total(result.findings)));
