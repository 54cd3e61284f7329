import { createClient } from '@sanity/client';
import { validatePreviewUrl } from '@sanity/preview-url-secret';
import { defineMiddleware } from 'astro:middleware';
import { imageFiles } from '../lib/images.ts';
import { draftModeCookie, draftModeSeconds, draftModeToken, isDraftModeToken, previewRequests } from './draft-mode.ts';
import { withPreviewPolicy } from './page-policy.ts';
import { previewClientConfig, previewStudioOrigins } from './settings.ts';
import { withStudioOrigins } from './studio-origin.ts';

/** Where the Studio's Presentation tool sends the browser with its one-time secret. */
export const enableDraftModePath = '/api/draft-mode/enable';
export const disableDraftModePath = '/api/draft-mode/disable';

const cookieOptions = {
  path: '/',
  httpOnly: true,
  secure: true,
  // The Studio shows the preview in an iframe on another site.
  sameSite: 'none',
} as const;

/** A same-origin path only: never send the browser elsewhere. */
function safeRedirect(path: string | undefined): string {
  return path?.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : '/';
}

/**
 * The draft preview server's request handling: the draft-mode handshake (`@sanity/preview-url-secret`,
 * checked against the Content Lake with the viewer token), the images pages use, and for every page
 * whether it reads drafts (a valid draft-mode cookie) or published content only; pages get the policy
 * the Presentation tool's overlay needs (`page-policy.ts`), and only the Studio may frame them
 * (`studio-origin.ts`).
 */
export const onRequest = defineMiddleware(async (context, next) => {
  // The site's `trailingSlash: 'always'` sends `/api/draft-mode/enable` on to `…/enable/`.
  const pathname = context.url.pathname.replace(/(?<=.)\/$/, '');
  if (pathname === enableDraftModePath) {
    const client = createClient(previewClientConfig());
    const { isValid, redirectTo } = await validatePreviewUrl(client, context.request.url);
    if (!isValid) return new Response('Invalid or expired preview secret: open the preview from the Studio again.\n', { status: 401 });
    context.cookies.set(draftModeCookie, draftModeToken(), { ...cookieOptions, maxAge: draftModeSeconds });
    return context.redirect(safeRedirect(redirectTo), 307);
  }
  if (pathname === disableDraftModePath) {
    context.cookies.delete(draftModeCookie, cookieOptions);
    return context.redirect('/', 307);
  }
  const rendition = imageFiles().renditions.get(context.url.pathname);
  if (rendition?.kind === 'cdn') {
    const image = await fetch(rendition.url);
    return new Response(image.body, {
      status: image.status,
      headers: { 'content-type': image.headers.get('content-type') ?? 'image/webp' },
    });
  }
  const drafts = isDraftModeToken(context.cookies.get(draftModeCookie)?.value);
  const rendered = await previewRequests.run({ drafts }, () => next());
  if (!rendered.headers.get('content-type')?.startsWith('text/html')) {
    rendered.headers.set('cache-control', 'private, no-store');
    return rendered;
  }
  // Only the Studio may frame a preview page (a meta tag cannot say `frame-ancestors`), and the page's
  // script connects visual editing only to it.
  const studio = previewStudioOrigins();
  const response = new Response(withStudioOrigins(withPreviewPolicy(await rendered.text()), studio), rendered);
  response.headers.set('content-security-policy', `frame-ancestors ${studio.join(' ')}`);
  response.headers.set('cache-control', 'private, no-store');
  return response;
});
