import { createRequire } from 'node:module';

/**
 * yargs lays out `--help` with string-width, which builds an `Intl.Segmenter` and Unicode
 * property regular expressions as soon as it is loaded: about 28 ms of every run's start-up, for
 * output only `--help` and usage errors print. The command line's bundle (scripts/bundle-cli.mjs)
 * gives yargs this function instead, which loads string-width the first time it measures a string.
 * string-width is an ES module: `require` loads one without a flag from Node 20.19 (package.json's
 * engines).
 */
type StringWidth = (
  text: string,
  options?: { ambiguousIsNarrow?: boolean; countAnsiEscapeCodes?: boolean },
) => number;

let loaded: StringWidth | undefined;

export default function stringWidth(...args: Parameters<StringWidth>): number {
  loaded ??= (createRequire(import.meta.url)('string-width') as { default: StringWidth }).default;
  return loaded(...args);
}
