/**
 * Leftmost-longest multi-term matching in one pass over the text, whatever the number of terms.
 *
 * A trie of the terms' characters (spaces left out) walked from each position where a term may
 * start. The walk from one position is bounded by the longest term, so the cost is linear in the
 * text and does not grow with the size of the lexicon. It keeps what the alternation regex it
 * replaces did: a space may stand where a term has one or where the script changes ("ota 升级"
 * for "ota升级"), Latin terms match whole words only, a Latin term also matches its plural
 * ("-s"/"-es"), and at a position the longest match wins.
 */

interface TrieNode {
  next: Map<number, TrieNode>;
  /** the text may hold one space before the next character of some term through this node */
  spaceOk: boolean;
  /** the term that ends here, if any */
  term?: string;
  /** the term's last character is a Latin letter: "-s"/"-es" may follow */
  plural?: boolean;
  /** the term's last character is a Latin letter or digit: no letter or digit may follow */
  wordEnd?: boolean;
}

export interface TrieHit {
  term: string;
  start: number;
  end: number;
}

const SPACE = 0x20;

function isLatinEdge(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

function isLetter(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

function node(): TrieNode {
  return { next: new Map(), spaceOk: false };
}

export class TermTrie {
  private readonly root = node();

  /** Adds a normalised term (lower case, single spaces). The first writer of a key keeps it. */
  add(term: string): void {
    let at = this.root;
    let prev: number | undefined;
    let pendingSpace = false;
    for (let i = 0; i < term.length; i++) {
      const code = term.charCodeAt(i);
      if (code === SPACE) {
        pendingSpace = true;
        continue;
      }
      if (prev !== undefined && (pendingSpace || isLatinEdge(prev) !== isLatinEdge(code))) at.spaceOk = true;
      pendingSpace = false;
      let child = at.next.get(code);
      if (!child) {
        child = node();
        at.next.set(code, child);
      }
      at = child;
      prev = code;
    }
    if (prev === undefined || at.term !== undefined) return;
    at.term = term;
    at.plural = isLetter(prev);
    at.wordEnd = isLatinEdge(prev);
  }

  /**
   * Non-overlapping hits, scanning left to right; at each start the longest match. `work`, when
   * given, counts the trie steps taken (how the tests show the cost is linear).
   */
  find(text: string, work?: { steps: number }): TrieHit[] {
    const hits: TrieHit[] = [];
    const n = text.length;
    let i = 0;
    while (i < n) {
      const code = text.charCodeAt(i);
      // A term that starts with a Latin letter or digit starts a word, never inside one.
      if (i > 0 && isLatinEdge(code) && isLatinEdge(text.charCodeAt(i - 1))) {
        i++;
        continue;
      }
      const hit = this.longestAt(text, i, work);
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else i++;
    }
    return hits;
  }

  private longestAt(text: string, start: number, work?: { steps: number }): TrieHit | undefined {
    let best: TrieHit | undefined;
    let at: TrieNode | undefined = this.root;
    let j = start;
    while (at) {
      if (at.term !== undefined) {
        const end = this.acceptEnd(text, j, at);
        if (end !== undefined && (!best || end >= best.end)) best = { term: at.term, start, end };
      }
      if (j >= text.length) break;
      let code = text.charCodeAt(j);
      let step = 1;
      if (code === SPACE && at.spaceOk && j + 1 < text.length) {
        code = text.charCodeAt(j + 1);
        step = 2;
      }
      at = at.next.get(code);
      j += step;
      if (work) work.steps++;
    }
    return best;
  }

  /** Where a term that ends at j really ends: its plural, then the Latin word boundary. */
  private acceptEnd(text: string, j: number, at: TrieNode): number | undefined {
    const candidates: number[] = [];
    if (at.plural) {
      if (text.charCodeAt(j) === 0x65 && text.charCodeAt(j + 1) === 0x73) candidates.push(j + 2);
      if (text.charCodeAt(j) === 0x73) candidates.push(j + 1);
    }
    candidates.push(j);
    for (const end of candidates) {
      if (!at.wordEnd || end >= text.length || !isLatinEdge(text.charCodeAt(end))) return end;
    }
    return undefined;
  }
}
