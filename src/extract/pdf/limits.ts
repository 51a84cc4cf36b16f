export interface PdfLimits {
  /** a PDF with more pages is refused (an input error) */
  maxPages: number;
  /** the whole PDF, text and rendering, must be read in this time */
  timeoutMs: number;
  /** rendered pages and decoded images stay below this many pixels */
  maxPixels: number;
}

export const DEFAULT_PDF_LIMITS: PdfLimits = { maxPages: 300, timeoutMs: 60_000, maxPixels: 40_000_000 };
