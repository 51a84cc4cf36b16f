import { isIP } from 'node:net';

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, p) => (n << 8) + Number(p), 0) >>> 0;
}

const V4_BLOCKS: [string, number, string][] = [
  ['0.0.0.0', 8, 'unspecified address'],
  ['10.0.0.0', 8, 'private address'],
  ['100.64.0.0', 10, 'carrier-grade NAT address'],
  ['127.0.0.0', 8, 'loopback address'],
  ['169.254.169.254', 32, 'cloud metadata address'],
  ['169.254.0.0', 16, 'link-local address'],
  ['172.16.0.0', 12, 'private address'],
  ['192.0.0.0', 24, 'reserved address'],
  ['192.168.0.0', 16, 'private address'],
  ['198.18.0.0', 15, 'benchmarking address'],
  ['224.0.0.0', 4, 'multicast address'],
  ['240.0.0.0', 4, 'reserved address'],
];

function v4Reason(ip: string): string | undefined {
  const n = ipv4ToInt(ip);
  for (const [base, bits, reason] of V4_BLOCKS) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((n & mask) === (ipv4ToInt(base) & mask)) return reason;
  }
  return undefined;
}

/** Expands an IPv6 address to 8 groups of 16 bits. */
function v6Groups(ip: string): number[] {
  let s = ip.toLowerCase().split('%')[0]!;
  // An embedded IPv4 tail ("::ffff:127.0.0.1") becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = ipv4ToInt(v4[1]!);
    s = `${s.slice(0, -v4[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const fill = s.includes('::') ? 8 - h.length - t.length : 0;
  return [...h, ...Array(fill).fill('0'), ...t].map((g) => Number.parseInt(g || '0', 16));
}

/** The IPv4 address held in two 16-bit groups. */
const v4Of = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** An IPv6 form that carries an IPv4 address is judged by that address. */
const carrying = (what: string, v4: string) => {
  const reason = v4Reason(v4);
  return reason ? `${what} of ${v4}, a ${reason}` : undefined;
};

function v6Reason(ip: string): string | undefined {
  const g = v6Groups(ip);
  if (g.every((x) => x === 0)) return 'unspecified address';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback address';
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible forms carry an IPv4 address: judge that.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0))
    return v4Reason(v4Of(g[6]!, g[7]!));
  // IPv4-translated (SIIT, ::ffff:0:a.b.c.d).
  if (g.slice(0, 4).every((x) => x === 0) && g[4] === 0xffff && g[5] === 0)
    return carrying('IPv4-translated address', v4Of(g[6]!, g[7]!));
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254)
    return 'cloud metadata address';
  if ((g[0]! & 0xfe00) === 0xfc00) return 'private address (unique local)';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local address';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'site-local address';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast address';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation address';
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'discard-only address';
  // 6to4 (2002:AABB:CCDD::/48) carries the IPv4 address after its prefix.
  if (g[0] === 0x2002) return carrying('6to4 address', v4Of(g[1]!, g[2]!));
  // Teredo (2001:0::/32) carries the client's IPv4 address, inverted, in its last 32 bits.
  if (g[0] === 0x2001 && g[1] === 0) return carrying('Teredo address', v4Of(g[6]! ^ 0xffff, g[7]! ^ 0xffff));
  // NAT64: the well-known prefix (64:ff9b::/96) and the local-use one (64:ff9b:1::/48).
  if (g[0] === 0x0064 && g[1] === 0xff9b) {
    if (g[2] === 1) return 'NAT64 local-use address';
    return v4Reason(v4Of(g[6]!, g[7]!));
  }
  return undefined;
}

/**
 * Why an address must not be contacted when crawling (loopback, private, link-local, CGNAT, cloud
 * metadata, ...), or undefined when it is a public address.
 */
export function isBlockedAddress(ip: string): string | undefined {
  const family = isIP(ip.split('%')[0]!);
  if (family === 4) return v4Reason(ip);
  if (family === 6) return v6Reason(ip);
  return 'not an IP address';
}
