/**
 * Which Studio may frame or open preview pages and connect to them: the origin of `STUDIO_URL`, or, when
 * it is unset, any origin on this machine (`sanity dev` on localhost:3333, the tests). Shared by the
 * preview middleware (the `frame-ancestors` header, the page's meta tag) and the page's script, which
 * connects visual editing only to such an origin. Nothing here may use Node: the page's script bundles it.
 */

/** Origins on this machine, as CSP source expressions (any port). */
export const localStudioOrigins = ['http://localhost:*', 'http://127.0.0.1:*'];

/** The meta tag that hands the page's script the origins the server allows. */
export const studioOriginsMeta = 'mca-studio-origins';

/** True when `origin` is one of `allowed` (CSP source expressions: an origin, or a scheme, host and `:*`). */
export function isStudioOrigin(origin: string, allowed: readonly string[]): boolean {
  return allowed.some((pattern) =>
    pattern.endsWith(':*')
      ? new RegExp(`^${pattern.slice(0, -2).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:\\d+)?$`).test(origin)
      : origin === pattern,
  );
}

/** `html` with the meta tag naming the allowed Studio origins, at the end of its `<head>`. */
export function withStudioOrigins(html: string, allowed: readonly string[]): string {
  const content = allowed.join(' ').replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
  return html.replace('</head>', `<meta name="${studioOriginsMeta}" content="${content}"></head>`);
}
