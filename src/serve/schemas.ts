/**
 * The JSON Schemas of the API: fastify validates requests with them and @fastify/swagger turns
 * them into /openapi.json, so the documentation cannot drift from what the server accepts.
 */

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';

export const scanDocumentSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'content'],
  properties: {
    name: {
      type: 'string',
      minLength: 1,
      maxLength: 500,
      description: 'file name; its extension says how to read it (.html, .md, .txt, .png, .pdf, .docx, ...)',
    },
    content: { type: 'string', minLength: 1, description: 'the document: text, or base64 bytes' },
    encoding: { type: 'string', enum: ['utf8', 'base64'], description: 'utf8 (default) or base64' },
    baseUrl: {
      type: 'string',
      pattern: '^https?://',
      maxLength: 2000,
      description:
        "the page's URL: its relative images resolve there (servers started with --allow-fetch only)",
    },
  },
} as const;

export const scanBodySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['documents'],
  properties: {
    documents: { type: 'array', minItems: 1, maxItems: 200, items: scanDocumentSchema },
    asOf: { type: 'string', pattern: DATE_PATTERN, description: 'date for offer validity (default: today)' },
    product: { type: 'string', minLength: 1, description: 'check against this product only (a loaded spec)' },
  },
} as const;

/** Documented for OpenAPI only: the multipart form is read part by part in the handler. */
export const scanMultipartSchema = {
  type: 'object',
  properties: {
    file: {
      type: 'array',
      items: { type: 'string', contentMediaType: 'application/octet-stream' },
      description: 'one or more files (any field name); the file name says how to read each',
    },
    asOf: { type: 'string', pattern: DATE_PATTERN },
    product: { type: 'string' },
  },
} as const;

export const errorSchema = {
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', description: 'bad-request, unauthorized, too-large, busy, timeout, ...' },
    message: { type: 'string' },
    field: { type: 'string', description: 'the request field at fault (bad-request)' },
    requestId: { type: 'string' },
  },
} as const;

export const reportSchema = {
  type: 'object',
  additionalProperties: true,
  description:
    'the JSON report, exactly as `claimlint scan -f json` writes it (specs/report.schema.json in the package)',
  required: ['schemaVersion', 'tool', 'spec', 'run', 'documents', 'findings', 'summary'],
} as const;

export const reviewSchema = {
  type: 'object',
  required: ['report', 'html'],
  properties: {
    report: reportSchema,
    html: { type: 'string', description: 'the self-contained HTML report for the same scan' },
  },
} as const;

export const specsSchema = {
  type: 'object',
  required: ['specs', 'loadedAt'],
  properties: {
    specs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['product', 'name', 'revision', 'sha256'],
        properties: {
          product: { type: 'string' },
          name: { type: 'string' },
          revision: { type: 'string' },
          sha256: { type: 'string' },
          path: { type: 'string' },
          variants: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    otherProducts: { type: 'array', items: { type: 'string' } },
    loadedAt: { type: 'string', description: 'when the specs were (re)loaded' },
    reloadError: { type: 'string', description: 'why the last reload failed (the previous specs stay)' },
  },
} as const;

export const healthSchema = {
  type: 'object',
  required: ['status'],
  properties: {
    status: { type: 'string', enum: ['ok', 'closing'] },
    version: { type: 'string' },
    running: { type: 'integer' },
    queued: { type: 'integer' },
    completed: { type: 'integer', description: 'scans finished since start' },
    memoryMiB: {
      type: 'object',
      properties: { rss: { type: 'integer' }, heapUsed: { type: 'integer' } },
    },
  },
} as const;

/** Responses every scan route can give besides 200. */
export const scanErrors = {
  400: { description: 'malformed request: the message names the field', ...errorSchema },
  401: { description: 'missing or wrong bearer token', ...errorSchema },
  413: { description: 'body larger than the limit', ...errorSchema },
  415: { description: 'neither JSON nor multipart/form-data', ...errorSchema },
  429: { description: 'the queue is full: retry after Retry-After seconds', ...errorSchema },
  503: { description: 'the scan took longer than the time limit, or the server is closing', ...errorSchema },
} as const;
