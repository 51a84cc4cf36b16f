// Bytes to text: a BOM, the Content-Type charset, or <meta charset> decide; many Chinese sites
// still serve GBK, and Node's TextDecoder (full ICU) knows GBK, GB18030, Big5 and Shift_JIS.

const ALIASES: Record<string, string> = {
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  cp936: 'gbk',
  'windows-936': 'gbk',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  'big5-hkscs': 'big5',
};

function supported(label: string): string | undefined {
  const l = ALIASES[label.toLowerCase()] ?? label.toLowerCase();
  try {
    new TextDecoder(l);
    return l;
  } catch {
    return undefined;
  }
}

export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return m ? supported(m[1]!) : undefined;
}

/** <meta charset="gbk"> or <meta http-equiv="Content-Type" content="text/html; charset=gbk"> in the first 4 KiB. */
export function charsetFromMeta(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const m =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head);
  return m ? supported(m[1]!) : undefined;
}

function bomCharset(bytes: Uint8Array): { charset: string; skip: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', skip: 2 };
  return undefined;
}

export interface Decoded {
  text: string;
  charset: string;
}

export function decodeText(
  bytes: Uint8Array,
  options: { contentType?: string; html?: boolean } = {},
): Decoded {
  const bom = bomCharset(bytes);
  const charset =
    bom?.charset ??
    charsetFromContentType(options.contentType) ??
    (options.html ? charsetFromMeta(bytes) : undefined) ??
    'utf-8';
  const body = bom ? bytes.subarray(bom.skip) : bytes;
  return { text: new TextDecoder(charset).decode(body), charset };
}

/** Binary data (an image with a .txt name) is not text: NUL bytes give it away. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}
