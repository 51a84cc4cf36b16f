interface Rule {
  allow: boolean;
  pattern: string;
}

export interface Robots {
  isAllowed(pathAndQuery: string): boolean;
  sitemaps: string[];
}

function matches(pattern: string, path: string): boolean {
  // robots.txt patterns: "*" is any run of characters, "$" anchors the end.
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern)
    .split('*')
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`).test(path);
}

/**
 * robots.txt (RFC 9309): the group for "claimlint" if there is one, else "*"; the longest
 * matching rule wins and Allow wins a tie.
 */
export function parseRobots(text: string, agent = 'claimlint'): Robots {
  const groups: { agents: string[]; rules: Rule[] }[] = [];
  const sitemaps: string[] = [];
  let current: { agents: string[]; rules: Rule[] } | undefined;
  let lastWasAgent = false;
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
    if (key === 'sitemap') sitemaps.push(value);
    else if ((key === 'allow' || key === 'disallow') && current && value)
      current.rules.push({ allow: key === 'allow', pattern: value });
  }
  const own = groups.filter((g) => g.agents.some((a) => a !== '*' && agent.toLowerCase().includes(a)));
  const rules = (own.length ? own : groups.filter((g) => g.agents.includes('*'))).flatMap((g) => g.rules);
  return {
    sitemaps,
    isAllowed(path) {
      let best: Rule | undefined;
      for (const r of rules) {
        if (!matches(r.pattern, path)) continue;
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
