import { SIGNATURE_HEADER_NAME } from '@sanity/webhook';
import type { EnqueueResult } from './build-queue.ts';
import { IdempotencyStore } from './idempotency.ts';
import { type BuildRequest, siteDocumentTypes, WebhookPayloadSchema } from './payload.ts';
import { verifySanitySignature } from './signature.ts';

/** Signed requests older or newer than this are refused, so a captured request cannot be replayed later. */
export const signatureToleranceMs = 5 * 60 * 1000;
/** Sanity's projection bodies are a few hundred bytes; the server stops reading a larger one. */
export const webhookBodyLimit = 64 * 1024;

export interface WebhookHandlerOptions {
  /** The secret of the Sanity webhook. */
  secret: string;
  /** Hands an accepted delivery to the build queue. */
  enqueue: (request: BuildRequest) => EnqueueResult;
  seen?: IdempotencyStore;
  /** The clock, in milliseconds since the epoch. */
  now?: () => number;
  log?: (line: string) => void;
}

const reply = (status: number, message: string, extra: Record<string, unknown> = {}) => Response.json({ message, ...extra }, { status });

/**
 * The webhook endpoint as a web-standard handler. In order: only POST; the signature is checked on the
 * raw body in constant time (`signature.ts`, 401); its timestamp must be within five minutes (401); a delivery
 * already accepted (same `idempotency-key`, or the very same signature) is answered 200 and ignored, so
 * Sanity stops retrying and nothing is built twice; the body must match the expected projection (400);
 * drafts and types the site does not read are ignored (200); anything else asks for a build (202).
 */
export function createWebhookHandler(options: WebhookHandlerOptions): (request: Request) => Promise<Response> {
  const seen = options.seen ?? new IdempotencyStore();
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});

  return async (request) => {
    if (request.method !== 'POST') {
      return new Response('Method not allowed: Sanity webhooks are POST requests.\n', { status: 405, headers: { allow: 'POST' } });
    }
    const body = new Uint8Array(await request.arrayBuffer());
    const signature = request.headers.get(SIGNATURE_HEADER_NAME);
    if (!signature) {
      log('webhook refused: no signature header');
      return reply(401, 'missing signature');
    }
    const verified = verifySanitySignature(body, signature, options.secret);
    if (!verified) {
      log('webhook refused: invalid signature');
      return reply(401, 'invalid signature');
    }
    const received = now();
    if (Math.abs(received - verified.signedAt) > signatureToleranceMs) {
      log(`webhook refused: signed ${Math.round((received - verified.signedAt) / 1000)} s from now, outside the 5-minute window`);
      return reply(401, 'signature timestamp outside the 5-minute window');
    }

    // The idempotency key is not signed: the signature itself (unique per body and time) guards exact replays.
    const idempotencyKey = request.headers.get('idempotency-key') ?? '';
    const keys = [`signature:${verified.signedAt}:${verified.digest}`, ...(idempotencyKey ? [`key:${idempotencyKey}`] : [])];
    const duplicate = keys.some((key) => seen.has(key, received));
    for (const key of keys) seen.add(key, received);
    if (duplicate) {
      log(`webhook ignored: duplicate delivery ${idempotencyKey || signature}`);
      return reply(200, 'duplicate, ignored');
    }

    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
    } catch {
      return reply(400, 'body is not UTF-8 JSON');
    }
    const parsed = WebhookPayloadSchema.safeParse(payload);
    if (!parsed.success) {
      log('webhook refused: the body is not the expected projection {_id, _type, operation}');
      return reply(400, 'body must be the projection {_id, _type, "operation": delta::operation()}', {
        issues: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`),
      });
    }

    const { _id: documentId, _type: documentType } = parsed.data;
    if (documentId.includes('.')) {
      log(`webhook ignored: ${documentId} is not a published document`);
      return reply(200, 'not a published document, ignored');
    }
    if (!siteDocumentTypes.includes(documentType)) {
      log(`webhook ignored: the site does not read ${documentType} documents`);
      return reply(200, `the site does not read ${documentType} documents, ignored`);
    }
    const headerOperation = request.headers.get('sanity-operation');
    const operation =
      parsed.data.operation ??
      (headerOperation === 'create' || headerOperation === 'update' || headerOperation === 'delete' ? headerOperation : 'unknown');
    const result = options.enqueue({ documentId, documentType, operation, idempotencyKey, receivedAt: new Date(received) });
    log(`webhook accepted: ${operation} ${documentType} ${documentId}: build ${result}`);
    return reply(202, `build ${result}`, { build: result });
  };
}
