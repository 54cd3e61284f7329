import type { APIRoute } from 'astro';
import { languageIds } from '../../schemas/languages.ts';
import { localizedUrls, urls } from '../lib/urls.ts';

/** Allows everything but the search results (in every language), and names the sitemap. */
export const GET: APIRoute = ({ site }) => {
  const sitemap = new URL(urls.sitemap, site ?? 'http://localhost:4321').href;
  const searches = languageIds.map((language) => `Disallow: ${localizedUrls[language].search}\n`).join('');
  return new Response(`User-agent: *\n${searches}Allow: ${urls.home}\n\nSitemap: ${sitemap}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
};
