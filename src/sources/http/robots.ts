interface Rule {
  allow: boolean;
  pattern: string;
}

export interface Robots {
  isAllowed(pathAndQuery: string): boolean;
  sitemaps: string[];
}

/** RFC 9309 asks crawlers to read at least 500 KiB; what follows is ignored, as Google does. */
export const MAX_ROBOTS_BYTES = 500 * 1024;
/** rules kept from one robots.txt (all groups together); later ones are ignored */
export const MAX_ROBOTS_RULES = 5000;
/** longest pattern kept (longer Disallow patterns are shortened, longer Allow patterns dropped) */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * robots.txt patterns: "*" is any run of characters, "$" at the end anchors the end. Greedy and
 * without backtracking: each literal piece between two "*" is taken at its first occurrence after
 * the previous one (the leftmost match leaves the most room for the rest), so the work is bounded
 * by the path length times the pattern length whatever the pattern, never exponential.
 */
export function robotsPatternMatches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  const parts = body.split('*');
  if (parts.length === 1) return anchored ? path === body : path.startsWith(body);
  const first = parts[0]!;
  const last = parts[parts.length - 1]!;
  if (!path.startsWith(first)) return false;
  let pos = first.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const piece = parts[i]!;
    if (!piece) continue;
    const at = path.indexOf(piece, pos);
    if (at < 0) return false;
    pos = at + piece.length;
  }
  if (anchored) return path.length - last.length >= pos && path.endsWith(last);
  return path.indexOf(last, pos) >= 0;
}

/** A pattern within the length limit: a Disallow shortened (it then blocks more), an Allow dropped. */
function limitPattern(pattern: string, allow: boolean): string | undefined {
  if (pattern.length <= MAX_PATTERN_LENGTH) return pattern;
  return allow ? undefined : pattern.slice(0, MAX_PATTERN_LENGTH);
}

/**
 * robots.txt (RFC 9309): the group for "claimlint" if there is one, else "*"; the longest
 * matching rule wins and Allow wins a tie. Bounded: the first 500 KiB, at most 5000 rules, each
 * pattern at most 1000 characters, matched in linear time.
 */
export function parseRobots(input: string, agent = 'claimlint'): Robots {
  const text = input.length > MAX_ROBOTS_BYTES ? input.slice(0, MAX_ROBOTS_BYTES) : input;
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  const sitemaps: string[] = [];
  let current: { agents: string[]; rules: Rule[] } | undefined;
  let lastWasAgent = false;
  let ruleCount = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (key === 'sitemap') {
      if (sitemaps.length < 50) sitemaps.push(value);
    } else if ((key === 'allow' || key === 'disallow') && current && value && ruleCount < MAX_ROBOTS_RULES) {
      const allow = key === 'allow';
      const pattern = limitPattern(value, allow);
      if (pattern === undefined) continue;
      current.rules.push({ allow, pattern });
      ruleCount++;
    }
  }
  const own = groups.filter((g) => g.agents.some((a) => a !== '*' && agent.toLowerCase().includes(a)));
  const rules = (own.length ? own : groups.filter((g) => g.agents.includes('*'))).flatMap((g) => g.rules);
  return {
    sitemaps,
    isAllowed(path) {
      let best: Rule | undefined;
      for (const r of rules) {
        if (!robotsPatternMatches(r.pattern, path)) continue;
        if (
          !best ||
          r.pattern.length > best.pattern.length ||
          (r.pattern.length === best.pattern.length && r.allow)
        )
          best = r;
      }
      return best ? best.allow : true;
    },
  };
}

export const ALLOW_ALL: Robots = { isAllowed: () => true, sitemaps: [] };
export const DISALLOW_ALL: Robots = { isAllowed: () => false, sitemaps: [] };
