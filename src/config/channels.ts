import { isAbsolute, resolve } from 'node:path';
import picomatch from 'picomatch';
import type { ChannelConfig } from './model.js';

/**
 * Which channel (and owner) a document belongs to: the first channel with a matching pattern.
 * Path patterns are absolute globs (made so by the config loader); URL patterns are globs over
 * the URL without its query, where `**` crosses slashes.
 */
export function channelAssigner(channels: ChannelConfig[], cwd: string) {
  const compiled = channels.map((c) => ({
    channel: c,
    matchers: c.match.map((pattern) => {
      const url = /^https?:\/\//i.test(pattern);
      const m = picomatch(url ? pattern.replace(/^https?:\/\//i, '') : pattern, { dot: true, nocase: url });
      return { url, m };
    }),
  }));
  return (uri: string): { channel?: string; owner?: string } => {
    const isUrl = /^https?:\/\//i.test(uri);
    const subject = isUrl
      ? uri.replace(/^https?:\/\//i, '').split(/[?#]/)[0]!
      : isAbsolute(uri)
        ? uri
        : resolve(cwd, uri);
    for (const { channel, matchers } of compiled) {
      if (matchers.some(({ url, m }) => url === isUrl && m(subject))) {
        return { channel: channel.name, ...(channel.owner ? { owner: channel.owner } : {}) };
      }
    }
    return {};
  };
}
