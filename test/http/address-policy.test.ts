import { describe, expect, it } from 'vitest';
import { isBlockedAddress } from '../../src/sources/http/address-policy.js';
import { Fetcher } from '../../src/sources/http/fetcher.js';
import { normalizeUrl } from '../../src/sources/http/url-normalize.js';

describe('address policy', () => {
  it.each([
    ['127.0.0.1', 'loopback address'],
    ['127.8.9.10', 'loopback address'],
    ['10.1.2.3', 'private address'],
    ['172.16.0.1', 'private address'],
    ['172.31.255.255', 'private address'],
    ['192.168.1.1', 'private address'],
    ['169.254.10.10', 'link-local address'],
    ['169.254.169.254', 'cloud metadata address'],
    ['100.64.0.1', 'carrier-grade NAT address'],
    ['0.0.0.0', 'unspecified address'],
    ['224.0.0.1', 'multicast address'],
    ['::1', 'loopback address'],
    ['::', 'unspecified address'],
    ['fe80::1', 'link-local address'],
    ['fd12:3456::1', 'private address (unique local)'],
    ['fd00:ec2::254', 'cloud metadata address'],
    ['::ffff:127.0.0.1', 'loopback address'],
    ['::ffff:7f00:1', 'loopback address'],
    ['::ffff:169.254.169.254', 'cloud metadata address'],
    // Issue 15 item 9: forms that carry a loopback address and were let through.
    ['2002:7f00:1::', '6to4 address of 127.0.0.1, a loopback address'],
    ['2002:a9fe:a9fe::1', '6to4 address of 169.254.169.254, a cloud metadata address'],
    ['::ffff:0:7f00:1', 'IPv4-translated address of 127.0.0.1, a loopback address'],
    ['::ffff:0:10.0.0.1', 'IPv4-translated address of 10.0.0.1, a private address'],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo address of 127.0.0.1, a loopback address'],
    ['64:ff9b::7f00:1', 'loopback address'],
    ['64:ff9b:1::8.8.8.8', 'NAT64 local-use address'],
    ['100::1', 'discard-only address'],
    ['fec0::1', 'site-local address'],
  ])('%s is blocked (%s)', (ip, reason) => {
    expect(isBlockedAddress(ip)).toBe(reason);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '203.0.113.10',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '2002:808:808::1',
    '::ffff:0:808:808',
  ])('%s is public', (ip) => {
    expect(isBlockedAddress(ip)).toBeUndefined();
  });
});

describe('the fetcher refuses bracketed IPv6 forms of loopback before connecting', () => {
  it.each(['http://[2002:7f00:1::]/', 'http://[::ffff:0:7f00:1]/', 'http://[::ffff:127.0.0.1]:8080/x'])(
    '%s',
    async (url) => {
      const f = new Fetcher({ userAgent: 'claimlint-test', retries: 0 });
      await expect(f.fetch(url)).rejects.toThrow(/blocked address .*loopback address/);
      await f.close();
    },
  );
});

describe('URL normalisation', () => {
  it.each([
    ['HTTP://Example.COM:80/a/', 'http://example.com/a'],
    ['https://example.com:443/a#x', 'https://example.com/a'],
    ['https://example.com/a?utm_source=x&b=2&a=1&gclid=z', 'https://example.com/a?a=1&b=2'],
    ['https://example.com/', 'https://example.com/'],
    ['https://item.jd.com/100.html?spm=a.b', 'https://item.jd.com/100.html'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });
});
