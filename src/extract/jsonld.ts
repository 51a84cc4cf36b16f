// schema.org data (Car, Product, Offer) says things a page may not show in its text: its name,
// description, price and properties are claims like any other.

const TEXT_KEYS = [
  'name',
  'description',
  'vehicleConfiguration',
  'model',
  'slogan',
  'disambiguatingDescription',
];

export function jsonLdSegments(json: string): { segments: string[]; error?: string } {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { segments: [], error: (error as Error).message };
  }
  const segments: string[] = [];
  const visit = (node: unknown, depth: number) => {
    if (depth > 20 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const obj = node as Record<string, unknown>;
    const type = String(obj['@type'] ?? '');
    // PropertyValue: { name: "续航里程", value: 430, unitText: "km" }
    if (/PropertyValue/.test(type) && typeof obj.name === 'string' && obj.value !== undefined) {
      segments.push(`${obj.name}: ${String(obj.value)}${obj.unitText ? ` ${String(obj.unitText)}` : ''}`);
      return;
    }
    for (const key of TEXT_KEYS) {
      const v = obj[key];
      if (typeof v === 'string' && v.trim()) segments.push(v.trim());
    }
    if (/Offer/.test(type) && (typeof obj.price === 'number' || typeof obj.price === 'string')) {
      segments.push(`price ${String(obj.price)} ${String(obj.priceCurrency ?? '')}`.trim());
    }
    if (typeof obj.lowPrice === 'number' || typeof obj.lowPrice === 'string') {
      segments.push(`price from ${String(obj.lowPrice)} ${String(obj.priceCurrency ?? '')}`.trim());
    }
    for (const [k, v] of Object.entries(obj)) if (!TEXT_KEYS.includes(k)) visit(v, depth + 1);
  };
  visit(data, 0);
  return { segments };
}
