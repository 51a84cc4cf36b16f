import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Report } from '../types.js';
import { isImageLocation } from '../types.js';
import { docsUrl, type FormatContext, type Formatter, HOMEPAGE, type RuleDoc } from './format.js';

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

const hasScheme = (uri: string) => /^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^[a-z]:[\\/]/i.test(uri);
const encodePath = (path: string) =>
  path
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/');

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/**
 * A report uri as a SARIF artifact location. URLs stay URLs. A local file under the source root
 * (the git repository the run is in, else the working directory) is a relative reference to
 * %SRCROOT%, which is how GitHub code scanning places alerts; any other local file is an absolute
 * file:// URI (a relative reference must not start with a slash: SARIF validators reject it).
 * Without a source root (a formatter called without one) relative uris stay relative.
 */
function artifactLocation(uri: string, context: FormatContext): ArtifactLocation {
  if (hasScheme(uri)) return { uri };
  const hash = uri.indexOf('#');
  const path = hash === -1 ? uri : uri.slice(0, hash);
  const fragment = hash === -1 ? '' : encodeURIComponent(uri.slice(hash));
  const absolute = isAbsolute(path) || /^[a-z]:[\\/]/i.test(path);
  const root = context.srcRoot;
  if (root && (absolute || context.cwd)) {
    const full = resolve(context.cwd ?? root, path);
    const rel = relative(root, full);
    if (rel && !rel.startsWith('..') && !isAbsolute(rel))
      return { uri: `${encodePath(rel.split(sep).join('/'))}${fragment}`, uriBaseId: SRCROOT };
    return { uri: `${pathToFileURL(full).href}${fragment}` };
  }
  if (absolute) return { uri: `${pathToFileURL(path).href}${fragment}` };
  return { uri: `${encodePath(path)}${fragment}`, uriBaseId: SRCROOT };
}

const SRCROOT = '%SRCROOT%';

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

function location(f: Finding, artifactIndex: Map<string, number>, context: FormatContext) {
  const uri = f.uri;
  const artifact = { ...artifactLocation(uri, context), index: artifactIndex.get(uri) };
  if (isImageLocation(f.location)) {
    const b = f.location.bbox;
    const page = f.location.page;
    // SARIF has no pixel or page regions: the page and box travel in the region's properties and
    // message (a PDF's box is in points from the page's top-left corner, an image's in pixels).
    return {
      physicalLocation: {
        artifactLocation: artifact,
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
  return { physicalLocation: { artifactLocation: artifact, region } };
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
      location: artifactLocation(uri, context),
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
    locations: [location(f, artifactIndex, context)],
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
                        ...artifactLocation(f.parentUri, context),
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
                artifactLocation: { ...artifactLocation(r.uri, context), index: artifactIndex.get(r.uri) },
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
        originalUriBaseIds: {
          [SRCROOT]: {
            ...(context.srcRoot
              ? { uri: `${pathToFileURL(context.srcRoot).href.replace(/\/?$/, '/')}` }
              : {}),
            description: { text: 'the root of the repository claimlint ran in (else its working directory)' },
          },
        },
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
