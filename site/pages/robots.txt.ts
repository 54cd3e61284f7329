import type { APIRoute } from 'astro';
import { urls } from '../lib/urls.ts';

/** Allows everything but the search results, and names the sitemap. */
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL(urls.sitemap, site ?? 'http://localhost:4321').href;
  return new Response(`User-agent: *\nDisallow: ${urls.search}\nAllow: ${urls.home}\n\nSitemap: ${sitemap}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
};
