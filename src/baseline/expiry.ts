/**
 * Approvals carry an expiry day (YYYY-MM-DD, inclusive): an exception accepted "until the campaign
 * ends" must come back by itself instead of hiding a finding for ever.
 */
export function isExpired(expires: string | undefined, asOf: string): boolean {
  if (!expires) return false;
  // Compare calendar days: the entry still holds on its expiry day.
  return asOf.slice(0, 10) > expires.slice(0, 10);
}

export const EXPIRY_DAY = /^\d{4}-\d{2}-\d{2}$/;
