import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { embeddedImages } from '../cli/format-context.js';
import {
  type DocumentScanSettings,
  type InMemoryDocument,
  scanDocuments,
} from '../pipeline/scan-documents.js';
import { html as htmlReport } from '../report/html.js';
import { json as jsonReport } from '../report/json.js';
import type { NormalizedSpec } from '../spec/model.js';
import type { Report } from '../types.js';
import { isValidDate } from '../util/dates.js';
import { BadRequest, describeValidation, ScanTimeout } from './errors.js';
import { reviewerPage } from './page.js';
import { QueueFullError, WorkQueue } from './queue.js';
import {
  healthSchema,
  reportSchema,
  reviewSchema,
  scanBodySchema,
  scanErrors,
  scanMultipartSchema,
  specsSchema,
} from './schemas.js';

/** What scans use right now: replaced as a whole when a spec or the config changes. */
export interface ServeRun {
  settings: Omit<DocumentScanSettings, 'asOf'>;
  loadedAt: string;
  /** the last reload failed: the previous specs stay in use */
  reloadError?: string;
}

export interface ServeOptions {
  current: () => ServeRun;
  toolVersion: string;
  /** a bearer token every /v1 request must carry */
  token?: string;
  /** largest request body in bytes (413 beyond) */
  bodyLimit: number;
  /** from arrival to answer, waiting included (503 beyond) */
  timeoutMs: number;
  /** scans running at a time */
  concurrency: number;
  /** scans waiting for a slot (429 beyond) */
  queueSize: number;
  /** one JSON line per request */
  log: (line: string) => void;
  /** the date a request without asOf is checked at */
  today: () => string;
  /** the process's memory, for /healthz (the CLI passes process.memoryUsage) */
  memory?: () => { rss: number; heapUsed: number };
  /** the scan itself (tests put a controllable one here) */
  scan?: typeof scanDocuments;
}

interface ScanRequest {
  documents: InMemoryDocument[];
  asOf?: string;
  product?: string;
}

interface JsonBody {
  documents: { name: string; content: string; encoding?: 'utf8' | 'base64'; baseUrl?: string }[];
  asOf?: string;
  product?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** findings in the answer, for the access log */
    findings?: number;
  }
}

const mib = (m: { rss: number; heapUsed: number }) => ({
  rss: Math.round(m.rss / 1048576),
  heapUsed: Math.round(m.heapUsed / 1048576),
});
const digest = (s: string) => createHash('sha256').update(s).digest();
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function fromJson(body: JsonBody, fetches: boolean): ScanRequest {
  const seen = new Set<string>();
  const documents = body.documents.map((d, i) => {
    if (seen.has(d.name)) throw new BadRequest(`documents/${i}/name`, `"${d.name}" is named twice`);
    seen.add(d.name);
    let bytes: Uint8Array;
    if (d.encoding === 'base64') {
      const clean = d.content.replace(/\s+/g, '');
      if (!BASE64.test(clean) || clean.length % 4 === 1)
        throw new BadRequest(`documents/${i}/content`, 'is not valid base64');
      bytes = new Uint8Array(Buffer.from(clean, 'base64'));
    } else {
      bytes = new Uint8Array(Buffer.from(d.content, 'utf8'));
    }
    if (!bytes.length) throw new BadRequest(`documents/${i}/content`, 'is empty');
    if (d.baseUrl === undefined) return { uri: d.name, bytes };
    if (!fetches)
      throw new BadRequest(
        `documents/${i}/baseUrl`,
        'this server does not fetch (start it with --allow-fetch)',
      );
    return { uri: d.name, bytes, baseUrl: d.baseUrl };
  });
  return {
    documents,
    ...(body.asOf !== undefined ? { asOf: body.asOf } : {}),
    ...(body.product !== undefined ? { product: body.product } : {}),
  };
}

/** A multipart form: files are documents (named by their file name); asOf and product are fields. */
async function fromMultipart(request: FastifyRequest, bodyLimit: number): Promise<ScanRequest> {
  const out: ScanRequest = { documents: [] };
  let total = 0;
  let index = 0;
  for await (const part of request.parts({
    preservePath: true,
    limits: { fileSize: bodyLimit, fieldSize: 1024, files: 200 },
  })) {
    if (part.type === 'file') {
      const where = `files/${index++}`;
      if (!part.filename) throw new BadRequest(`${where} (${part.fieldname})`, 'has no file name');
      const bytes = await part.toBuffer();
      total += bytes.length;
      if (total > bodyLimit) throw Object.assign(new Error('request body is too large'), { statusCode: 413 });
      if (!bytes.length) throw new BadRequest(`${where} (${part.filename})`, 'is empty');
      if (out.documents.some((d) => d.uri === part.filename))
        throw new BadRequest(`${where} (${part.filename})`, 'is named twice');
      out.documents.push({ uri: part.filename, bytes: new Uint8Array(bytes) });
    } else if (part.fieldname === 'asOf' || part.fieldname === 'product') {
      const value = String(part.value);
      if (part.fieldname === 'asOf' && !isValidDate(value))
        throw new BadRequest('asOf', `"${value}" is not a date (YYYY-MM-DD)`);
      out[part.fieldname] = value;
    } else {
      throw new BadRequest(part.fieldname, 'unknown field (send files, asOf and product)');
    }
  }
  if (!out.documents.length) throw new BadRequest('files', 'no file in the form');
  return out;
}

/** The run's settings for one request: its date, and one product's spec when it names one. */
function settingsFor(run: ServeRun, request: ScanRequest, today: string): DocumentScanSettings {
  const asOf = request.asOf ?? today;
  if (!isValidDate(asOf)) throw new BadRequest('asOf', `"${asOf}" is not a date`);
  const settings = { ...run.settings, asOf };
  if (request.product === undefined) return settings;
  const specs = settings.specs?.length ? settings.specs : [settings.spec];
  const chosen = specs.find((s) => s.product.id === request.product);
  if (!chosen)
    throw new BadRequest(
      'product',
      `unknown product "${request.product}"; loaded: ${specs.map((s) => s.product.id).join(', ') || '(none)'}`,
    );
  // The other loaded products stay known by name, so their blocks are not checked against this one.
  const others = specs.filter((s) => s !== chosen).flatMap((s) => [s.product.name, ...s.product.aliases]);
  return {
    ...settings,
    spec: chosen,
    specs: [chosen],
    otherProducts: [...(settings.otherProducts ?? []), ...others.filter(Boolean)],
  };
}

function specSummary(spec: NormalizedSpec) {
  return {
    product: spec.product.id,
    name: spec.product.name,
    revision: spec.revision,
    sha256: spec.sha256,
    ...(spec.path ? { path: spec.path } : {}),
    variants: spec.variants.map((v) => v.id),
  };
}

function sendError(
  reply: FastifyReply,
  status: number,
  error: string,
  message: string,
  extra: Record<string, unknown> = {},
) {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ error, message, ...extra, requestId: reply.request.id }));
}

/**
 * The HTTP service: POST /v1/scan (JSON or multipart) answers the report `scan -f json` writes;
 * the reviewer page at / posts to /v1/review. Scans go through a bounded queue and a time limit.
 */
export async function buildServer(
  options: ServeOptions,
): Promise<{ app: FastifyInstance; queue: WorkQueue }> {
  const queue = new WorkQueue(options.concurrency, options.queueSize);
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    // A client that sends its body slower than this is cut off; a scan has its own limit.
    requestTimeout: Math.max(options.timeoutMs * 2, 30_000),
    return503OnClosing: true,
    // Unknown fields are an error, never silently dropped; types are never coerced.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false } },
    schemaErrorFormatter: (errors, dataVar) => describeValidation(errors, dataVar),
  });
  // JSON and multipart only: a text/plain body is 415, not a string the handler must guess about.
  app.removeContentTypeParser('text/plain');
  await app.register(multipart);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'claimlint serve',
        version: options.toolVersion,
        description: 'Checks marketing content against the authoritative product spec before it goes live.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      ...(options.token ? { security: [{ bearer: [] }] } : {}),
    },
    // The multipart form is read part by part, so fastify does not validate it: document it here.
    transformObject: (documentObject) => {
      const doc = (documentObject as { openapiObject: Record<string, unknown> }).openapiObject as {
        paths?: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
      };
      for (const path of ['/v1/scan', '/v1/review']) {
        const body = doc.paths?.[path]?.post?.requestBody;
        if (body?.content) body.content['multipart/form-data'] = { schema: scanMultipartSchema };
      }
      return doc;
    },
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > options.bodyLimit)
      return sendError(reply, 413, 'too-large', `request body is larger than ${options.bodyLimit} bytes`);
    if (options.token && request.url.startsWith('/v1/')) {
      const header = request.headers.authorization ?? '';
      const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
      if (!given || !timingSafeEqual(digest(given), digest(options.token))) {
        reply.header('www-authenticate', 'Bearer');
        return sendError(
          reply,
          401,
          'unauthorized',
          given ? 'wrong bearer token' : 'send Authorization: Bearer <token>',
        );
      }
    }
    return undefined;
  });
  app.addHook('onResponse', async (request, reply) => {
    options.log(
      JSON.stringify({
        time: new Date().toISOString(),
        id: request.id,
        method: request.method,
        path: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(request.findings !== undefined ? { findings: request.findings } : {}),
      }),
    );
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof BadRequest)
      return sendError(reply, 400, 'bad-request', `${error.field}: ${error.message}`, { field: error.field });
    if (error.validation) {
      const field = (error as FastifyError & { field?: string }).field;
      return sendError(reply, 400, 'bad-request', error.message, field ? { field } : {});
    }
    if (error instanceof QueueFullError) {
      reply.header('retry-after', String(error.retryAfterSeconds));
      return sendError(reply, 429, 'busy', error.message, { retryAfter: error.retryAfterSeconds });
    }
    if (error instanceof ScanTimeout) {
      reply.header('retry-after', '5');
      return sendError(reply, 503, 'timeout', error.message);
    }
    const code = error.statusCode ?? 500;
    if (
      code === 413 ||
      error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      error.code === 'FST_REQ_FILE_TOO_LARGE'
    )
      return sendError(reply, 413, 'too-large', `request body is larger than ${options.bodyLimit} bytes`);
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(reply, 415, 'unsupported-media-type', 'send application/json or multipart/form-data');
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
      return sendError(reply, 400, 'bad-request', 'body: is empty', { field: 'body' });
    if (code === 400 && (error.name === 'SyntaxError' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY'))
      return sendError(reply, 400, 'bad-request', `body: is not valid JSON (${error.message})`, {
        field: 'body',
      });
    if (code >= 400 && code < 500) return sendError(reply, code, 'bad-request', error.message);
    options.log(
      JSON.stringify({ time: new Date().toISOString(), id: request.id, error: error.stack ?? String(error) }),
    );
    return sendError(
      reply,
      500,
      'internal',
      `internal error, this is a bug (claimlint ${options.toolVersion}); request ${request.id}`,
    );
  });

  /** Reads either body, queues the scan under the time limit, and answers the report. */
  const scanRequest = async (request: FastifyRequest): Promise<{ report: Report; request: ScanRequest }> => {
    const started = performance.now();
    const parsed = request.isMultipart()
      ? await fromMultipart(request, options.bodyLimit)
      : request.body && typeof request.body === 'object'
        ? fromJson(request.body as JsonBody, !!options.current().settings.fetchImage)
        : (() => {
            throw new BadRequest('body', 'send a JSON object or a multipart form');
          })();
    const settings = settingsFor(options.current(), parsed, options.today());
    const left = options.timeoutMs - (performance.now() - started);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ScanTimeout(options.timeoutMs)), Math.max(0, left));
    });
    // A scan that outlives its request still holds its slot until it ends: the limit protects the
    // client, the queue protects the machine.
    const scan = options.scan ?? scanDocuments;
    const work = queue.run(() => scan(parsed.documents, settings));
    work.catch(() => undefined);
    try {
      const report = await Promise.race([work, timeout]);
      request.findings = report.findings.length;
      return { report, request: parsed };
    } finally {
      clearTimeout(timer);
    }
  };

  const bodySchema = { content: { 'application/json': { schema: scanBodySchema } } };

  app.post(
    '/v1/scan',
    {
      schema: {
        summary: 'Scan documents against the loaded specs',
        description:
          'JSON documents or a multipart form of files. Answers the report `claimlint scan -f json` writes for the same files.',
        body: bodySchema,
        response: { 200: reportSchema, ...scanErrors },
      },
    },
    async (request, reply) => {
      const { report } = await scanRequest(request);
      return reply.type('application/json; charset=utf-8').send(jsonReport(report, { color: false }));
    },
  );

  app.post(
    '/v1/review',
    {
      schema: {
        summary: 'Scan for the reviewer page: the JSON report and the HTML report together',
        body: bodySchema,
        response: { 200: { description: 'both reports', ...reviewSchema }, ...scanErrors },
      },
    },
    async (request, reply) => {
      const { report, request: parsed } = await scanRequest(request);
      // Only the images of this request are embedded: a document's name never reads a server file.
      const sent = new Map(parsed.documents.map((d) => [d.uri, d.bytes]));
      const images = await embeddedImages(
        {
          ...report,
          documents: report.documents.filter(
            (d) => (d.kind === 'image' || d.kind === 'pdf') && sent.has(d.uri),
          ),
        },
        '/nonexistent',
        sent,
      );
      const html = htmlReport(report, { color: false, images });
      return reply.type('application/json; charset=utf-8').send(JSON.stringify({ report, html }));
    },
  );

  app.get(
    '/v1/specs',
    { schema: { summary: 'The products and spec revisions loaded', response: { 200: specsSchema } } },
    async () => {
      const run = options.current();
      const specs = run.settings.specs?.length ? run.settings.specs : [run.settings.spec];
      return {
        specs: specs.map(specSummary),
        otherProducts: run.settings.otherProducts ?? [],
        loadedAt: run.loadedAt,
        ...(run.reloadError ? { reloadError: run.reloadError } : {}),
      };
    },
  );

  app.get(
    '/healthz',
    {
      schema: {
        summary: 'Liveness and queue depth (no token needed)',
        security: [],
        response: { 200: healthSchema },
      },
    },
    async () => ({
      status: 'ok',
      version: options.toolVersion,
      running: queue.running,
      queued: queue.queued,
      completed: queue.completed,
      ...(options.memory ? { memoryMiB: mib(options.memory()) } : {}),
    }),
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const page = reviewerPage({ tokenRequired: !!options.token, toolVersion: options.toolVersion });
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .header('content-security-policy', page.csp)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-frame-options', 'DENY')
      .type('text/html; charset=utf-8')
      .send(page.html),
  );

  return { app, queue };
}
