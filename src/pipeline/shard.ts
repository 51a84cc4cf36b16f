import { createHash } from 'node:crypto';

export interface Shard {
  index: number;
  total: number;
}

/** "2/3" -> { index: 2, total: 3 } (1-based), or an error message. */
export function parseShard(value: string): Shard | string {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) return `--shard "${value}" is not I/N`;
  const index = Number(m[1]);
  const total = Number(m[2]);
  if (total < 1 || index < 1 || index > total) return `--shard ${value}: I must be between 1 and N`;
  return { index, total };
}

/**
 * Which shard a document belongs to: a hash of its uri, so the split is the same on every runner
 * and does not depend on the order inputs were listed or crawled.
 */
export function inShard(uri: string, shard: Shard | undefined): boolean {
  if (!shard || shard.total === 1) return true;
  const h = createHash('sha256').update(uri).digest().readUInt32BE(0);
  return h % shard.total === shard.index - 1;
}
