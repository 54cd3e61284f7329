import { FriendlyError } from '../../../../schemas/friendly-error.ts';

/** Where a build's image files come from. */
export type ImageOrigin =
  /** Live mode: the Sanity image CDN of a project and dataset. */
  | {
      kind: 'cdn';
      projectId: string;
      dataset: string /** Another image host (a local stand-in), never the real CDN then. */;
      baseUrl?: string;
    }
  /** File and default mode: the folder that holds the export's `data.ndjson` (and `images/`). */
  | { kind: 'files'; root: string };

/**
 * One interface for the three content modes. Every mode answers the same GROQ queries over
 * published documents only.
 */
export interface ContentSource {
  /** The mode, for logs and errors. */
  readonly mode: 'live' | 'file' | 'default';
  /** What is being read, for logs (never a token). */
  readonly description: string;
  /** Where images are served from. */
  readonly images: ImageOrigin;
  /** Runs a GROQ query and returns its raw result. */
  fetch(query: string, params?: Record<string, unknown>): Promise<unknown>;
}

/** A problem reaching or reading a content source, with what to do about it. */
export class ContentSourceError extends FriendlyError {
  override name = 'ContentSourceError';
}

/** True for the ids of published documents: no `drafts.`, no `versions.`, no dotted path at all. */
export function isPublishedId(id: unknown): id is string {
  return typeof id === 'string' && id !== '' && !id.includes('.');
}
