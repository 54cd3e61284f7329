/**
 * The site's Content-Security-Policy: one builder for the `<meta http-equiv>` every page carries
 * (`BaseLayout.astro`) and for the header a server sends with the same pages.
 *
 * The pages ship no inline scripts or styles (`build.inlineStylesheets: 'never'`; JSON-LD is a data
 * block, which CSP does not govern), so the policy allows only the site's own origin. A page that
 * needs more (the search page's WebAssembly, the contact form's endpoint) lists exactly that in a
 * {@link CspAdditions}; nothing else widens the policy.
 */

/** What a page may add to the site-wide policy, each entry a CSP source expression. */
export interface CspAdditions {
  /** e.g. `'wasm-unsafe-eval'` for Pagefind's WebAssembly. */
  scriptSrc?: readonly string[] | undefined;
  /** Origins `fetch` may reach, e.g. the contact endpoint's challenge route. */
  connectSrc?: readonly string[] | undefined;
  /** Where forms may post, e.g. the contact endpoint's origin. */
  formAction?: readonly string[] | undefined;
  /** Where workers may load from, e.g. `blob:` for a widget that builds its worker in place. */
  workerSrc?: readonly string[] | undefined;
  /** Where images may load from. */
  imgSrc?: readonly string[] | undefined;
}

/** How the policy reaches the browser: `frame-ancestors` works only in a header (a meta tag ignores it). */
export type CspDelivery = 'meta' | 'header';

const baseline: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  // data: for the small images browsers and CSS use in place (form controls, icons in stylesheets).
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'form-action': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
};

const additionDirectives: Record<keyof CspAdditions, string> = {
  scriptSrc: 'script-src',
  connectSrc: 'connect-src',
  formAction: 'form-action',
  workerSrc: 'worker-src',
  imgSrc: 'img-src',
};

/**
 * A quoted keyword (`'wasm-unsafe-eval'`), a scheme (`mailto:`) or an origin (`https://x.example`).
 * `'unsafe-inline'` and `'unsafe-eval'` are refused: the pages never need them, and they would undo the policy.
 */
const sourcePattern =
  /^(?:'(?:self|none|wasm-unsafe-eval|strict-dynamic|sha(?:256|384|512)-[A-Za-z0-9+/=]+)'|[a-z][a-z0-9+.-]*:|https?:\/\/[a-z0-9.-]+(?::\d+)?)$/i;

/** Throws on a source that could break out of its directive (`;`, `,`, spaces) or weaken the policy. */
function checkedSource(source: string, directive: string): string {
  if (!sourcePattern.test(source)) {
    throw new Error(
      `Content-Security-Policy ${directive}: "${source}" is not an allowed source (use an origin, a scheme or 'wasm-unsafe-eval').`,
    );
  }
  return source;
}

/** The origin of an absolute http(s) URL as a CSP source, or `undefined` for a relative or other URL. */
export function originSource(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const { protocol, origin } = new URL(url);
  return protocol === 'https:' || protocol === 'http:' ? origin : undefined;
}

/** The policy as a directive map: the baseline plus the page's additions, without duplicates. */
export function cspDirectives(additions: CspAdditions = {}, delivery: CspDelivery = 'meta'): Map<string, string[]> {
  const directives = new Map(Object.entries(baseline).map(([name, sources]) => [name, [...sources]]));
  for (const [key, name] of Object.entries(additionDirectives) as [keyof CspAdditions, string][]) {
    const sources = directives.get(name) ?? [];
    for (const source of additions[key] ?? []) {
      if (!sources.includes(source)) sources.push(checkedSource(source, name));
    }
    directives.set(name, sources);
  }
  if (delivery === 'header') directives.set('frame-ancestors', ["'none'"]);
  return directives;
}

/** The policy as the value of a `Content-Security-Policy` header or `<meta http-equiv>`. */
export function contentSecurityPolicy(additions: CspAdditions = {}, delivery: CspDelivery = 'meta'): string {
  return [...cspDirectives(additions, delivery)].map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

const metaPattern = /<meta\s+http-equiv="content-security-policy"\s+content="([^"]*)"/i;

/**
 * The header a server sends with a built HTML page: the policy of the page's own `<meta http-equiv>`
 * (so a page's additions are kept, and header and meta never disagree) plus `frame-ancestors 'none'`.
 * `undefined` when the page carries no policy.
 */
export function headerPolicyFromHtml(html: string): string | undefined {
  const content = metaPattern.exec(html)?.[1];
  if (content === undefined) return undefined;
  const policy = content.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  return `${policy}; frame-ancestors 'none'`;
}
