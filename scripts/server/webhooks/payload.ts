import * as z from 'zod';
import { documentQueries } from '../../../schemas/queries.ts';

/** The document types the site reads: a change to any other type cannot change the site. */
export const siteDocumentTypes: readonly string[] = Object.keys(documentQueries);

/**
 * The body the Sanity webhook sends: the projection given in `docs/operating.md` ("Publishing"),
 * `{_id, _type, "operation": delta::operation()}`. Other fields are allowed and ignored, so a projection
 * with more in it still works.
 */
export const WebhookPayloadSchema = z.looseObject({
  /** The id of the changed document. */
  _id: z.string().min(1),
  /** Its type. */
  _type: z.string().min(1),
  /** What happened to it; the `sanity-operation` header says the same. */
  operation: z.enum(['create', 'update', 'delete']).optional(),
});

export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;

/** One accepted webhook delivery: the reason for a build. */
export interface BuildRequest {
  documentId: string;
  documentType: string;
  operation: 'create' | 'update' | 'delete' | 'unknown';
  idempotencyKey: string;
  receivedAt: Date;
}
