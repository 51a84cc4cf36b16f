import type { SeverityOrOff } from '../types.js';

export interface ChannelConfig {
  name: string;
  match: string[];
  owner?: string;
}

/** A config file after validation, with every path made absolute. */
export interface Config {
  /** the file it came from, if any */
  file?: string;
  dir: string;
  spec?: string;
  /** several products' specs: absolute paths or globs */
  specs?: string[];
  otherProducts?: string[];
  inputs?: string[];
  /** left out of folder and glob expansion, relative to the config file */
  ignore?: string[];
  pdf?: { maxPages?: number; timeoutSeconds?: number };
  /** time one document may take to be read and extracted (default 120) */
  documentTimeoutSeconds?: number;
  maxDocumentBytes?: number;
  packs?: string[];
  rules?: Record<string, SeverityOrOff>;
  assets?: string;
  channels?: ChannelConfig[];
  ocr?: {
    enabled?: boolean;
    languages?: ('eng' | 'chi_sim')[];
    minConfidence?: number;
    reviewBelow?: number;
    maxMegapixels?: number;
    timeoutSeconds?: number;
  };
  crawl?: {
    depth?: number;
    sameOrigin?: boolean;
    maxPages?: number;
    allowPrivate?: boolean;
    ignoreRobots?: boolean;
    include?: string[];
    exclude?: string[];
    render?: boolean;
    timeoutSeconds?: number;
    maxBytes?: number;
    userAgent?: string;
  };
  baseline?: string;
  failOn?: 'error' | 'warning' | 'info' | 'never';
}

export const CONFIG_NAMES = ['claimlint.config.yaml', 'claimlint.config.yml', 'claimlint.config.json'];
