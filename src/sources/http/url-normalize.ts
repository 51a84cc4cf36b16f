/** Query parameters that only track where a visitor came from: the same page with or without them. */
export const TRACKING_PARAMETERS = [
  /^utm_/i,
  /^gclid$/i,
  /^fbclid$/i,
  /^msclkid$/i,
  /^yclid$/i,
  /^mc_(cid|eid)$/i,
  /^spm$/i,
  /^scm$/i,
  /^from$/i,
  /^share_token$/i,
  /^share_from$/i,
  /^_hsenc$/i,
  /^_hsmi$/i,
  /^ref$/i,
  /^ref_src$/i,
];

/**
 * One spelling per page, for de-duplication: no fragment, lowercase scheme and host, no default
 * port, no tracking parameters, sorted query, and no trailing slash except at the root.
 */
export function normalizeUrl(input: string): string {
  const u = new URL(input);
  u.hash = '';
  u.hostname = u.hostname.toLowerCase();
  if ((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443'))
    u.port = '';
  const params = [...u.searchParams.entries()].filter(([k]) => !TRACKING_PARAMETERS.some((re) => re.test(k)));
  params.sort(([a, x], [b, y]) => a.localeCompare(b) || x.localeCompare(y));
  u.search = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  if (u.pathname.length > 1 && u.pathname.endsWith('/')) u.pathname = u.pathname.replace(/\/+$/, '');
  return u.toString();
}
