import cliProgress from 'cli-progress';
import type { ProgressEvent } from '../pipeline/scan.js';
import { redactCredentials, showBidi } from '../report/safe-text.js';
import type { Io } from './io.js';

/**
 * Progress on stderr: a bar on a terminal, a plain line every few seconds in CI logs, nothing with
 * --quiet. Findings go to stdout, so piping a report is never disturbed.
 */
export function progressReporter(
  io: Io,
  quiet: boolean,
): { onProgress?: (e: ProgressEvent) => void; stop: () => void } {
  if (quiet) return { stop: () => undefined };
  if (io.stderrIsTTY && !io.env.CI) {
    const bar = new cliProgress.SingleBar(
      {
        format: 'claimlint |{bar}| {value}/{total} documents · OCR queue {ocr} · {uri}',
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr,
        barsize: 24,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      onProgress: (e) => {
        if (!started) {
          bar.start(e.total, 0, { ocr: e.ocrQueue, uri: '' });
          started = true;
        }
        bar.setTotal(e.total);
        // Credentials in a URL are not shown, here as in the reports; bidi controls are shown escaped.
        const uri = showBidi(redactCredentials(e.uri));
        bar.update(e.done, { ocr: e.ocrQueue, uri: uri.length > 40 ? `…${uri.slice(-39)}` : uri });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }
  // CI: a line every 5 seconds at most, and one at the end of long scans.
  let last = Date.now();
  let lastEvent: ProgressEvent | undefined;
  const startedAt = Date.now();
  return {
    onProgress: (e) => {
      lastEvent = e;
      if (Date.now() - last >= 5000) {
        last = Date.now();
        io.stderr(`claimlint: ${e.done}/${e.total} documents scanned, OCR queue ${e.ocrQueue}\n`);
      }
    },
    stop: () => {
      if (lastEvent && Date.now() - startedAt >= 5000) {
        io.stderr(`claimlint: ${lastEvent.done}/${lastEvent.total} documents scanned\n`);
      }
    },
  };
}
