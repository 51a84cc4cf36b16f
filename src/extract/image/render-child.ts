import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface ChildRender {
  png: Buffer;
  width: number;
  height: number;
}

export interface ChildRenderOptions {
  maxPixels: number;
  timeoutMs: number;
  /** render density for vector input (dpi) */
  density?: number;
}

/** Stands for what the child reports when sharp itself refuses the image. */
export class ChildRenderError extends Error {
  override name = 'ChildRenderError';
}

export class ChildRenderTimeout extends Error {
  override name = 'ChildRenderTimeout';
}

/**
 * The child: reads the image on stdin, renders it with sharp as decodeImage does in-process, and
 * writes a 4-byte header length, a JSON header and the PNG on stdout. Plain CommonJS given to
 * `node -e`, so that it runs the same from the sources and from dist/.
 */
function childProgram(sharpPath: string): string {
  return `'use strict';
const sharp = require(${JSON.stringify(sharpPath)});
const o = JSON.parse(process.argv[1]);
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', async () => {
  try {
    const { data, info } = await sharp(Buffer.concat(chunks), {
      limitInputPixels: o.maxPixels, failOn: 'warning', pages: 1, density: o.density,
    }).rotate().flatten({ background: '#ffffff' }).png({ compressionLevel: 1 })
      .toBuffer({ resolveWithObject: true });
    const head = Buffer.from(JSON.stringify({ width: info.width, height: info.height }));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(head.length);
    process.stdout.write(Buffer.concat([len, head, data]), () => process.exit(0));
  } catch (e) {
    process.stderr.write(String((e && e.message) || e).slice(0, 2000), () => process.exit(3));
  }
});
`;
}

/**
 * Renders an image in a child process that is killed when it runs out of time. Rendering an SVG
 * has no cost bound a header can tell (a small file with heavy filters renders for minutes), and
 * sharp's work, once started in this process's thread pool, cannot be stopped: the run would wait
 * for it. A child can be killed, and the run ends.
 */
export function renderInChild(bytes: Uint8Array, options: ChildRenderOptions): Promise<ChildRender> {
  const args = JSON.stringify({ maxPixels: options.maxPixels, density: options.density });
  const child = spawn(process.execPath, ['-e', childProgram(require.resolve('sharp')), args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A decoded image's PNG cannot be much larger than its pixels; more means something is wrong.
  const maxOut = options.maxPixels * 4 + 1024 * 1024;
  return new Promise<ChildRender>((resolve, reject) => {
    const out: Buffer[] = [];
    let outSize = 0;
    let err = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      outSize += c.length;
      if (outSize > maxOut) child.kill('SIGKILL');
      else out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      if (err.length < 4000) err += c.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new ChildRenderError(`could not start the image renderer: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) return reject(new ChildRenderTimeout('rendering timed out'));
      const all = Buffer.concat(out);
      if (code !== 0 || all.length < 4)
        return reject(new ChildRenderError(err.trim() || `renderer exited with ${code}`));
      const headLength = all.readUInt32BE(0);
      try {
        const head = JSON.parse(all.subarray(4, 4 + headLength).toString('utf8')) as {
          width: number;
          height: number;
        };
        resolve({ png: all.subarray(4 + headLength), width: head.width, height: head.height });
      } catch {
        reject(new ChildRenderError('the image renderer gave an unreadable answer'));
      }
    });
    child.stdin.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}
