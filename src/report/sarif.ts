import type { Finding, Report } from '../types.js';
import { isImageLocation } from '../types.js';
import { docsUrl, type Formatter, HOMEPAGE, type RuleDoc } from './format.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

const IMAGE_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
};

/** A report uri as a SARIF artifact uri: relative paths stay relative (to %SRCROOT%), URLs stay URLs. */
function artifactUri(uri: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) return uri;
  return uri
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/');
}

function firstParagraph(markdown: string): string {
  const what = /## What\s+([\s\S]*?)(\n## |$)/.exec(markdown)?.[1] ?? markdown;
  return what.replace(/\s+/g, ' ').trim();
}

function ruleDescriptor(rule: RuleDoc) {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: firstParagraph(rule.markdown) || rule.description },
    help: { text: firstParagraph(rule.markdown) || rule.description, markdown: rule.markdown },
    helpUri: rule.helpUri,
    defaultConfiguration: { level: LEVEL[rule.severity] },
  };
}

function location(f: Finding, artifactIndex: Map<string, number>) {
  const uri = f.uri;
  const artifactLocation = {
    uri: artifactUri(uri),
    uriBaseId: /^[a-z]+:/i.test(uri) ? undefined : '%SRCROOT%',
    index: artifactIndex.get(uri),
  };
  if (isImageLocation(f.location)) {
    const b = f.location.bbox;
    const page = f.location.page;
    // SARIF has no pixel or page regions: the page and box travel in the region's properties and
    // message (a PDF's box is in points from the page's top-left corner, an image's in pixels).
    return {
      physicalLocation: {
        artifactLocation,
        region: {
          byteOffset: 0,
          message: {
            text: `${page !== undefined ? `page ${page}, ` : ''}box x=${Math.round(b.x0)} y=${Math.round(b.y0)} ${Math.round(b.x1 - b.x0)}x${Math.round(b.y1 - b.y0)} ${page !== undefined ? 'pt' : 'px'}`,
          },
          properties: {
            ...(page !== undefined ? { page } : {}),
            bbox: b,
            ...(f.location.confidence !== undefined ? { ocrConfidence: f.location.confidence } : {}),
          },
        },
      },
    };
  }
  const region: Record<string, unknown> = { startLine: f.location.line, startColumn: f.location.column };
  if (f.evidence && !isImageLocation(f.evidence.location)) {
    const span = f.evidence.text.slice(f.evidence.span[0], f.evidence.span[1]);
    if (span) region.snippet = { text: span };
  }
  return { physicalLocation: { artifactLocation, region } };
}

/**
 * SARIF 2.1.0 for code-scanning tools: one run, the rules with help from their docs pages, every
 * document as an artifact, results with line and column (or for an image, the image with its box),
 * and the stable fingerprint as partialFingerprints so that alerts survive unrelated edits.
 */
export const sarif: Formatter = (report: Report, context) => {
  const rules = [...(context.rules ?? [])];
  for (const f of report.findings) {
    if (!rules.some((r) => r.id === f.ruleId)) {
      rules.push({
        id: f.ruleId,
        severity: f.severity,
        description: f.ruleId,
        markdown: '',
        helpUri: docsUrl(f.ruleId),
      });
    }
  }
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const uris = [...new Set([...report.documents.map((d) => d.uri), ...report.findings.map((f) => f.uri)])];
  const artifactIndex = new Map(uris.map((u, i) => [u, i]));
  const kinds = new Map(report.documents.map((d) => [d.uri, d]));
  const artifacts = uris.map((uri) => {
    const doc = kinds.get(uri);
    const ext = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(uri)?.[1]?.toLowerCase() ?? '';
    const mimeType =
      doc?.kind === 'image'
        ? (IMAGE_TYPES[ext] ?? 'application/octet-stream')
        : doc?.kind === 'pdf'
          ? 'application/pdf'
          : doc?.kind === 'docx'
            ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
            : doc?.kind === 'other'
              ? 'application/octet-stream'
              : doc?.kind === 'markdown'
                ? 'text/markdown'
                : doc?.kind === 'text'
                  ? 'text/plain'
                  : 'text/html';
    return {
      location: { uri: artifactUri(uri), ...(/^[a-z]+:/i.test(uri) ? {} : { uriBaseId: '%SRCROOT%' }) },
      mimeType,
      ...(doc?.sha256 ? { hashes: { 'sha-256': doc.sha256 } } : {}),
      ...(doc?.parentUri ? { parentIndex: artifactIndex.get(doc.parentUri) } : {}),
    };
  });
  const results = report.findings.map((f) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f, artifactIndex)],
    ...(f.related?.length || f.parentUri
      ? {
          relatedLocations: [
            ...(f.parentUri
              ? [
                  {
                    id: 1,
                    message: { text: 'the page that shows this image' },
                    physicalLocation: {
                      artifactLocation: {
                        uri: artifactUri(f.parentUri),
                        index: artifactIndex.get(f.parentUri),
                      },
                    },
                  },
                ]
              : []),
            ...(f.related ?? []).map((r, i) => ({
              id: i + 2,
              message: {
                text: `${r.uri}${r.channel ? ` (${r.channel})` : ''}${r.text ? `: "${r.text}"` : ''}`,
              },
              physicalLocation: {
                artifactLocation: { uri: artifactUri(r.uri), index: artifactIndex.get(r.uri) },
                ...(r.location && !isImageLocation(r.location)
                  ? { region: { startLine: r.location.line, startColumn: r.location.column } }
                  : {}),
              },
            })),
          ],
        }
      : {}),
    partialFingerprints: { 'claimlint/v1': f.fingerprint },
    properties: {
      ...(f.feature ? { feature: f.feature } : {}),
      ...(f.variant ? { variant: f.variant } : {}),
      ...(f.claimed ? { claimed: f.claimed } : {}),
      ...(f.expected ? { expected: f.expected } : {}),
      ...(f.specPath ? { specPath: f.specPath } : {}),
      ...(f.channel ? { channel: f.channel } : {}),
      ...(f.owner ? { owner: f.owner } : {}),
      ...(f.review ? { review: true } : {}),
    },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'claimlint',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: HOMEPAGE,
            rules: rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'the directory claimlint ran in' } } },
        artifacts,
        results,
        invocations: [
          {
            executionSuccessful: true,
            startTimeUtc: report.run.startedAt,
            properties: {
              asOf: report.run.asOf,
              spec: report.spec,
              ...(report.run.shard ? { shard: report.run.shard } : {}),
            },
          },
        ],
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, (_, v) => (v === undefined ? undefined : v), 2)}\n`;
};
