import type { Segment, Suppression, TextLocation } from '../types.js';

/** An image a page refers to: becomes a Document of its own (parentUri = the page). */
export interface ImageRef {
  url: string;
  location: TextLocation;
  /** how the page refers to it: img, srcset, picture, css, og:image, markdown */
  via: string;
  alt?: string;
}

/** A suppression comment or attribute that cannot be honoured (no reason given). */
export interface SuppressionProblem {
  location: TextLocation;
  rules: string[];
  message: string;
}

export interface ExtractResult {
  segments: Segment[];
  images: ImageRef[];
  suppressionProblems: SuppressionProblem[];
  /** valid suppressions, to report the ones that matched nothing */
  suppressions: Suppression[];
  /** a problem that made part of the document unreadable (bad JSON-LD, ...) */
  warnings: { message: string; location: TextLocation }[];
}
