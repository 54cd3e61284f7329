import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Dataset } from '../../schemas/validate-dataset.ts';

/** The cookie that marks a browser in draft mode on the preview server (never set by the public site). */
export const draftModeCookie = 'mca-draft-mode';

/** How long draft mode lasts after the Studio's handshake. */
export const draftModeSeconds = 8 * 60 * 60;

// A key per server process: restarting the server ends every draft-mode session.
const key = randomBytes(32);

const sign = (expires: string) => createHmac('sha256', key).update(expires).digest('base64url');

/** A cookie value that proves this server let the browser into draft mode, until it expires. */
export function draftModeToken(now = Date.now()): string {
  const expires = String(now + draftModeSeconds * 1000);
  return `${expires}.${sign(expires)}`;
}

/** True only for a token made by `draftModeToken` in this process and not yet expired. */
export function isDraftModeToken(value: string | undefined, now = Date.now()): boolean {
  const [expires, signature] = value?.split('.') ?? [];
  if (!expires || !signature || !/^\d+$/.test(expires) || Number(expires) < now) return false;
  const expected = Buffer.from(sign(expires));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** What one preview request reads: drafts or published content, fetched once per request. */
export interface PreviewRequest {
  drafts: boolean;
  dataset?: Promise<Dataset>;
}

export const previewRequests = new AsyncLocalStorage<PreviewRequest>();
