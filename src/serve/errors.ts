import type { FastifySchemaValidationError } from 'fastify/types/schema.js';

/** A request the server will not scan: answered 400 with the field at fault. */
export class BadRequest extends Error {
  override name = 'BadRequest';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The scan did not finish within the per-request limit. */
export class ScanTimeout extends Error {
  override name = 'ScanTimeout';
  constructor(ms: number) {
    super(`the scan did not finish within ${Math.round(ms / 1000)} s`);
  }
}

/**
 * ajv's first error as a message that names the field ("documents/0/encoding: must be one of
 * utf8, base64"), so that a CMS developer sees at once what to fix.
 */
export function describeValidation(errors: FastifySchemaValidationError[], dataVar: string): Error {
  const e = errors[0];
  const base = (e?.instancePath ?? '').replace(/^\//, '');
  const params = (e?.params ?? {}) as Record<string, unknown>;
  let field = base || dataVar;
  let message = e?.message ?? 'is not valid';
  switch (e?.keyword) {
    case 'additionalProperties':
      field = [base, String(params.additionalProperty)].filter(Boolean).join('/');
      message = 'unknown field';
      break;
    case 'required':
      field = [base, String(params.missingProperty)].filter(Boolean).join('/');
      message = 'is required';
      break;
    case 'minItems':
    case 'minLength':
      if (params.limit === 1) message = 'is empty';
      break;
    case 'enum':
      message = `must be one of ${((params.allowedValues as unknown[]) ?? []).join(', ')}`;
      break;
    case 'pattern':
      message = field === 'asOf' ? 'is not a date (YYYY-MM-DD)' : (message ?? 'is not valid');
      break;
  }
  return Object.assign(new Error(`${field}: ${message}`), { field });
}
