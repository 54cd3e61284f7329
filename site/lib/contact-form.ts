import * as z from 'zod';
import { FriendlyError } from '../../schemas/friendly-error.ts';

const localHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `CONTACT_FORM_ACTION`: where the contact form posts; https, or http to this machine (for trying it out). */
export const ContactFormActionSchema = z
  .url({ error: 'must be a URL such as https://forms.example.org/contact' })
  .refine(
    (value) => {
      const url = new URL(value);
      return url.protocol === 'https:' || (url.protocol === 'http:' && localHosts.has(url.hostname));
    },
    { error: 'must be an https:// URL (http:// only to localhost or 127.0.0.1): the form carries personal messages' },
  );

/** Where the form posts and where its script fetches proof-of-work challenges (same origin, `/contact/challenge`). */
export interface ContactEndpoint {
  action: string;
  challenge: string;
  /** The endpoint's origin, for the page's Content-Security-Policy. */
  origin: string;
}

/**
 * The contact endpoint from `CONTACT_FORM_ACTION`, or `undefined` when it is unset (the page then shows
 * no form). A value that is not https (or http to this machine) fails the build with one clear message.
 */
export function contactEndpoint(env: Record<string, string | undefined> = process.env): ContactEndpoint | undefined {
  const raw = env['CONTACT_FORM_ACTION']?.trim();
  if (!raw) return undefined;
  const result = ContactFormActionSchema.safeParse(raw);
  if (!result.success) {
    throw new FriendlyError(`Invalid contact settings in the environment:\n  CONTACT_FORM_ACTION: ${result.error.issues[0]?.message ?? 'is invalid'} (got "${raw}")`);
  }
  const url = new URL(result.data);
  return { action: url.href, challenge: new URL('/contact/challenge', url).href, origin: url.origin };
}
