import type { APIRoute } from 'astro';
import { languageIds } from '../../schemas/languages.ts';
import { articleRedirects } from '../lib/redirects.ts';
import { getSiteContent } from '../lib/site-content.ts';

/** The old URLs of renamed articles and where they went; see `lib/redirects.ts`. */
export const GET: APIRoute = async () => {
  const articles = (await Promise.all(languageIds.map((language) => getSiteContent(language)))).flatMap((content) => content.articles);
  return new Response(`${JSON.stringify(articleRedirects(articles), null, 1)}\n`, {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
};
