import { parseSettings, SiteEnvSchema } from '../../schemas/settings.ts';

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
  const action = parseSettings(SiteEnvSchema, env, 'contact').CONTACT_FORM_ACTION;
  if (!action) return undefined;
  const url = new URL(action);
  return { action: url.href, challenge: new URL('/contact/challenge', url).href, origin: url.origin };
}
