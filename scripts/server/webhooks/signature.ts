import { createHmac, timingSafeEqual } from 'node:crypto';
import { decodeSignatureHeader } from '@sanity/webhook';

/**
 * Checks a `sanity-webhook-signature` header, `t=<milliseconds>,v1=<signature>`, where the signature is the
 * base64url HMAC-SHA256 of `<t>.<raw body>` under the webhook's secret (the format `@sanity/webhook` reads
 * and writes). The HMACs are compared with `timingSafeEqual`, so the time taken says nothing about how much
 * of a forged signature was right. Answers the signing time, or `undefined` for a missing, malformed or
 * wrong signature, with the HMAC in hex (the same for every spelling of one header, so a key for spotting replays).
 */
export function verifySanitySignature(
  body: Uint8Array,
  header: string | null,
  secret: string,
): { signedAt: number; digest: string } | undefined {
  if (!header) return undefined;
  let decoded: { timestamp: number; hashedPayload: string };
  try {
    decoded = decodeSignatureHeader(header);
  } catch {
    return undefined;
  }
  const expected = createHmac('sha256', secret).update(`${decoded.timestamp}.`).update(body).digest();
  const given = Buffer.from(decoded.hashedPayload, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { signedAt: decoded.timestamp, digest: expected.toString('hex') };
}
