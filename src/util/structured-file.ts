import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { ProblemDetail } from '../errors.js';

export type PathSegment = string | number;

export interface StructuredFile {
  data: unknown;
  /** parse errors (syntax, duplicate keys), each with its line */
  problems: ProblemDetail[];
  /** line and column of the value (or, with key=true, the key) at a path */
  locate(path: PathSegment[], key?: boolean): { line: number; column: number } | undefined;
}

/** yaml's own guard against exponential alias expansion: aliases may repeat this much data. */
const MAX_ALIAS_COUNT = 100;

// JSON is YAML, so one parser gives line numbers for both (design: "line for YAML").
export function parseStructured(text: string): StructuredFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const problems: ProblemDetail[] = doc.errors.map((e) => {
    const pos = e.linePos?.[0];
    return {
      path: '',
      message: e.message.split('\n')[0] ?? e.message,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    };
  });
  let data: unknown;
  if (!problems.length) {
    try {
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      // yaml refuses alias expansion past maxAliasCount ("billion laughs"): the file's problem.
      if (!(error instanceof ReferenceError)) throw error;
      problems.push({
        path: '',
        message: `YAML aliases expand too far (over ${MAX_ALIAS_COUNT} copies): refused as a resource exhaustion attack`,
        hint: 'write the values out instead of repeating them through anchors (&) and aliases (*)',
      });
    }
  }

  function locate(path: PathSegment[], key = false): { line: number; column: number } | undefined {
    let node: unknown = doc.contents;
    let keyNode: unknown;
    let lastFound: unknown = node;
    for (const segment of path) {
      keyNode = undefined;
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        keyNode = pair.key;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        break;
      }
      if (node) lastFound = node;
      else break;
    }
    const target = (key && keyNode ? keyNode : (node ?? lastFound)) as Node | undefined;
    const offset = target?.range?.[0];
    if (offset === undefined) return undefined;
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }

  return { data, problems, locate };
}

export function pointer(path: PathSegment[]): string {
  return `/${path.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

export function parsePointer(ptr: string): string[] {
  if (!ptr) return [];
  return ptr
    .slice(1)
    .split('/')
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}
