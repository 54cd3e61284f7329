/**
 * The preview server's relaxation of a page's Content-Security-Policy, and nothing else: the public
 * site's policy (`site/lib/csp.ts`) stays as strict as it is.
 *
 * `@sanity/visual-editing` (`site/preview/visual-editing.ts`) draws its overlay with styled-components,
 * which writes `<style>` elements at run time, so preview pages need `style-src 'unsafe-inline'`. Scripts
 * stay `'self'` (the overlay is bundled into the preview server's own assets). The policy stays in the
 * page's `<meta>`, which cannot carry `frame-ancestors`: the Studio, on another origin, frames the page.
 */
const metaPattern = /(<meta\s+http-equiv="content-security-policy"\s+content=")([^"]*)(")/i;

/** `html` with `'unsafe-inline'` added to the `style-src` of its policy meta tag; unchanged without one. */
export function withPreviewPolicy(html: string): string {
  return html.replace(metaPattern, (_match, start: string, policy: string, end: string) => {
    const directives = policy.split(';').map((directive) => {
      const trimmed = directive.trim();
      return trimmed === 'style-src' || trimmed.startsWith('style-src ') ? `${trimmed} &#39;unsafe-inline&#39;` : trimmed;
    });
    return `${start}${directives.join('; ')}${end}`;
  });
}
